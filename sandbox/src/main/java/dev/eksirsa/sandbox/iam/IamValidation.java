package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.AwsError;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** IAM's input constraints, worded as IAM's ValidationError messages. */
final class IamValidation {
    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    static final Pattern ARN = Pattern.compile("^arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:[a-z0-9-]*:(\\d{12}|aws)?:.+$");

    private IamValidation() {}

    static void name(String field, String value, int max) {
        length(field, value, 1, max);
        pattern(field, value, NAME, "[\\w+=,.@-]+");
    }

    static void path(String value) {
        length("path", value, 1, 512);
        pattern("path", value, PATH, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    }

    static void arn(String field, String value) {
        length(field, value, 20, 2048);
        if (!ARN.matcher(value).matches()) {
            throw new AwsError(400, "InvalidInput", "ARN " + value + " is not valid.");
        }
    }

    static void length(String field, String value, int min, int max) {
        if (value.length() < min) {
            throw fail(value, field, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw fail(value, field, "Member must have length less than or equal to " + max);
        }
    }

    static void range(String field, int value, int min, int max) {
        if (value < min) {
            throw fail(String.valueOf(value), field, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw fail(String.valueOf(value), field, "Member must have value less than or equal to " + max);
        }
    }

    static int integer(String field, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new AwsError(400, "ValidationError", "Invalid value for parameter " + field + ": " + value);
        }
    }

    static void pattern(String field, String value, Pattern pattern, String shown) {
        if (!pattern.matcher(value).matches()) {
            throw fail(value, field, "Member must satisfy regular expression pattern: " + shown);
        }
    }

    static void tags(Map<String, String> tags, int existing) {
        if (tags.size() + existing > 50) {
            throw new AwsError(400, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
        }
        tags.forEach((k, v) -> {
            length("tags.member.key", k, 1, 128);
            length("tags.member.value", v, 0, 256);
        });
    }

    static void thumbprints(List<String> thumbprints) {
        if (thumbprints.size() > 5) {
            throw new AwsError(400, "LimitExceeded", "Thumbprint list must contain fewer than 5 entries.");
        }
        for (String t : thumbprints) {
            length("thumbprintList.member", t, 40, 40);
            pattern("thumbprintList.member", t, THUMBPRINT, "[0-9a-fA-F]+");
        }
    }

    private static AwsError fail(String value, String field, String constraint) {
        return new AwsError(
                400,
                "ValidationError",
                "1 validation error detected: Value '" + value + "' at '" + field + "' failed to satisfy constraint: "
                        + constraint);
    }
}
