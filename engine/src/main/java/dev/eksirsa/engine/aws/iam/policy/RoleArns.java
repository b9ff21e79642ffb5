package dev.eksirsa.engine.aws.iam.policy;

import dev.eksirsa.engine.api.InputRules;
import java.util.Optional;

/**
 * Tells a role ARN from everything people put in its place (the runbook's Role-1 policy names a managed policy
 * ARN as the role to assume, which can never match a role). Partitions: aws, aws-cn, aws-us-gov.
 */
public final class RoleArns {
    private RoleArns() {}

    /** Empty for a role ARN, else what the value is instead ("a managed policy ARN", "a wildcard", …). */
    public static Optional<String> notARoleBecause(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("empty");
        }
        if (Wildcards.hasWildcard(value)) {
            return Optional.of("a wildcard");
        }
        if (InputRules.isRoleArn(value)) {
            return Optional.empty();
        }
        if (!value.startsWith("arn:")) {
            return Optional.of(value.matches("[0-9]{12}") ? "an account id" : "not an ARN");
        }
        String[] parts = value.split(":", 6);
        if (parts.length < 6) {
            return Optional.of("not a complete ARN");
        }
        if (!parts[1].matches("aws|aws-cn|aws-us-gov")) {
            return Optional.of("an ARN in the unknown partition " + parts[1] + " (expected aws, aws-cn or aws-us-gov)");
        }
        if (!parts[2].equals("iam")) {
            return Optional.of("a " + parts[2] + " ARN");
        }
        String resource = parts[5];
        if (resource.startsWith("policy/")) {
            return Optional.of("a managed policy ARN");
        }
        if (resource.startsWith("user/")) {
            return Optional.of("a user ARN");
        }
        if (resource.startsWith("group/")) {
            return Optional.of("a group ARN");
        }
        if (resource.equals("root")) {
            return Optional.of("an account root ARN");
        }
        if (resource.startsWith("oidc-provider/") || resource.startsWith("saml-provider/")) {
            return Optional.of("an identity provider ARN");
        }
        if (resource.startsWith("instance-profile/")) {
            return Optional.of("an instance profile ARN");
        }
        if (resource.startsWith("role/")) {
            return Optional.of("not a valid role ARN (account id must be 12 digits, name 1-64 of letters, digits"
                    + " and +=,.@_-)");
        }
        return Optional.of("an IAM ARN of another kind");
    }

    /** The refusal message for a value given where a role ARN is needed. */
    public static String explain(String value, String field) {
        String what = notARoleBecause(value).orElseThrow();
        String partition = value != null && value.startsWith("arn:aws-") ? value.split(":", 3)[1] : "aws";
        return "is " + what + ", not a role ARN; " + field + " takes role ARNs like arn:" + partition
                + ":iam::123456789012:role/name";
    }

    public static boolean isRoleArn(String value) {
        return notARoleBecause(value).isEmpty();
    }
}
