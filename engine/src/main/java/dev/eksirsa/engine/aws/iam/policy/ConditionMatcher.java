package dev.eksirsa.engine.aws.iam.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition operators IRSA and cross-account trust use: String*, Arn*, Bool, Null, with {@code IfExists}
 * and the {@code ForAnyValue:}/{@code ForAllValues:} set prefixes. An operator it does not know is treated as not
 * satisfied, so an unknown condition never widens an Allow.
 */
final class ConditionMatcher {
    private ConditionMatcher() {}

    static boolean allSatisfied(Map<String, Map<String, List<String>>> conditions, Map<String, List<String>> context) {
        for (Map.Entry<String, Map<String, List<String>>> op : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                List<String> actual = context.get(key.getKey().toLowerCase(Locale.ROOT));
                if (!satisfied(op.getKey(), key.getValue(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean satisfied(String operator, List<String> expected, List<String> actual) {
        String op = operator;
        boolean forAll = false;
        if (op.startsWith("ForAnyValue:")) {
            op = op.substring("ForAnyValue:".length());
        } else if (op.startsWith("ForAllValues:")) {
            op = op.substring("ForAllValues:".length());
            forAll = true;
        }
        boolean ifExists = op.endsWith("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        boolean missing = actual == null || actual.isEmpty();
        if ("Null".equals(op)) {
            return expected.contains(Boolean.toString(missing));
        }
        if (missing) {
            return ifExists || forAll || negated(op);
        }
        if (negated(op)) {
            String positive = op.replace("Not", "");
            return actual.stream().noneMatch(a -> anyMatches(positive, expected, a));
        }
        String base = op;
        if (forAll) {
            return actual.stream().allMatch(a -> anyMatches(base, expected, a));
        }
        return actual.stream().anyMatch(a -> anyMatches(base, expected, a));
    }

    private static boolean negated(String op) {
        return op.startsWith("StringNot") || op.startsWith("ArnNot");
    }

    private static boolean anyMatches(String op, List<String> expected, String actual) {
        return expected.stream().anyMatch(e -> matches(op, e, actual));
    }

    private static boolean matches(String op, String expected, String actual) {
        return switch (op) {
            case "StringEquals", "ArnEquals" -> expected.equals(actual);
            case "StringEqualsIgnoreCase" -> expected.equalsIgnoreCase(actual);
            case "StringLike", "ArnLike" -> Wildcards.matches(expected, actual, false);
            case "Bool" -> expected.equalsIgnoreCase(actual);
            default -> false;
        };
    }
}
