package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import java.util.regex.Pattern;

/** IAM's rules for the names and ARNs a role spec carries. */
final class IamNames {
    static final int MIN_SESSION = 3600;
    static final int MAX_SESSION = 43200;

    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E&&[^/]]+(/[\\x21-\\x7E&&[^/]]+)*/");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern POLICY_ARN = Pattern.compile(
            "arn:(" + InputRules.PARTITIONS + "):iam::(aws|[0-9]{12}):policy/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}");
    private static final Pattern OIDC_PROVIDER_ARN = Pattern.compile("arn:(" + InputRules.PARTITIONS
            + "):iam::[0-9]{12}:oidc-provider/[A-Za-z0-9.-]+(:[0-9]+)?(/[\\x21-\\x7E]+)*");

    private IamNames() {}

    static String roleName(String field, String value) {
        if (value == null || !ROLE_NAME.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be 1-64 letters, digits or +=,.@_- (IAM role name)");
        }
        return value;
    }

    static String path(String field, String value) {
        if (value == null || value.length() > 512 || !PATH.matcher(value).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be / or /a/path/ of at most 512 printable ASCII characters, starting and ending with /");
        }
        return value;
    }

    static String description(String field, String value) {
        if (value != null && (value.length() > 1000 || value.chars().anyMatch(c -> c < 0x20 && c != '\t'))) {
            throw new InvalidInputException(field, "must be at most 1000 characters without control characters");
        }
        return value;
    }

    static Integer maxSessionDuration(String field, Integer value) {
        if (value != null && (value < MIN_SESSION || value > MAX_SESSION)) {
            throw new InvalidInputException(field, "must be between 3600 and 43200 seconds");
        }
        return value;
    }

    static String policyName(String field, String value) {
        if (value == null || !POLICY_NAME.matcher(value).matches()) {
            throw new InvalidInputException(field, "policy names are 1-128 letters, digits or +=,.@_-");
        }
        if (value.startsWith("EksIrsa")) {
            throw new InvalidInputException(field, "policy names starting with EksIrsa are reserved for eks-irsa");
        }
        return value;
    }

    static String managedPolicyArn(String field, String value) {
        if (value == null || !POLICY_ARN.matcher(value).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be a managed policy ARN arn:(" + InputRules.PARTITIONS
                            + "):iam::(aws|<12 digits>):policy/<name>");
        }
        return value;
    }

    static String oidcProviderArn(String field, String value) {
        if (value == null || !OIDC_PROVIDER_ARN.matcher(value).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be an IAM OIDC provider ARN arn:(" + InputRules.PARTITIONS
                            + "):iam::<12 digits>:oidc-provider/<issuer host and path>");
        }
        return value;
    }

    static String externalId(String field, String value) {
        return InputRules.externalId(field, value);
    }
}
