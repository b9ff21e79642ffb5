package dev.eksirsa.sandbox.policy;

import java.util.List;
import java.util.Optional;

/**
 * Evaluates one {@link Condition} against a request, following the IAM condition operator reference: a missing key
 * makes a positive operator false and a negated one true; {@code ...IfExists} is true when the key is missing;
 * {@code ForAllValues:} is true when the key is missing or empty, {@code ForAnyValue:} false; Null tests presence.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {}

    static boolean holds(Condition condition, RequestContext request) {
        Optional<ConditionOperator> parsed = ConditionOperator.parse(condition.operator());
        if (parsed.isEmpty()) {
            return false; // documents are validated on parse; an unknown operator here can only deny
        }
        ConditionOperator op = parsed.get();
        List<String> requestValues = request.values(condition.key());
        if (op.comparison() == ComparisonOperator.NULL) {
            return nullCheck(!requestValues.isEmpty(), condition.values());
        }
        if (requestValues.isEmpty()) {
            return switch (op.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> op.ifExists();
                case NONE -> op.ifExists() || op.comparison().negated();
            };
        }
        return switch (op.qualifier()) {
            case FOR_ALL_VALUES -> requestValues.stream()
                    .allMatch(v -> op.comparison().test(v, condition.values()));
            case FOR_ANY_VALUE -> requestValues.stream()
                    .anyMatch(v -> op.comparison().test(v, condition.values()));
            case NONE -> single(op.comparison(), requestValues, condition.values());
        };
    }

    /**
     * Without a set qualifier, a positive operator holds when any request value matches; a negated one when no
     * request value matches its positive counterpart.
     */
    private static boolean single(ComparisonOperator comparison, List<String> requestValues, List<String> policy) {
        if (comparison.negated()) {
            return requestValues.stream().allMatch(v -> comparison.test(v, policy));
        }
        return requestValues.stream().anyMatch(v -> comparison.test(v, policy));
    }

    /** {@code "Null": {"k": "true"}} holds when k is absent, {@code "false"} when it is present. */
    private static boolean nullCheck(boolean present, List<String> policyValues) {
        return policyValues.stream()
                .anyMatch(v -> ("true".equalsIgnoreCase(v) && !present) || ("false".equalsIgnoreCase(v) && present));
    }
}
