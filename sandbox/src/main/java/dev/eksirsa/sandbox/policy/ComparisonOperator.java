package dev.eksirsa.sandbox.policy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;

/**
 * The condition operators of the IAM policy language without set qualifier or IfExists suffix. A negated operator
 * (StringNotEquals, NotIpAddress, ...) holds when its positive counterpart matches none of the policy values.
 */
enum ComparisonOperator {
    STRING_EQUALS("StringEquals", false, String::equals),
    STRING_NOT_EQUALS("StringNotEquals", true, String::equals),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase),
    STRING_LIKE("StringLike", false, (request, policy) -> Wildcards.matches(policy, request, false)),
    STRING_NOT_LIKE("StringNotLike", true, (request, policy) -> Wildcards.matches(policy, request, false)),
    NUMERIC_EQUALS("NumericEquals", false, numeric(c -> c == 0)),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, numeric(c -> c == 0)),
    NUMERIC_LESS_THAN("NumericLessThan", false, numeric(c -> c < 0)),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, numeric(c -> c <= 0)),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, numeric(c -> c > 0)),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, numeric(c -> c >= 0)),
    DATE_EQUALS("DateEquals", false, date(c -> c == 0)),
    DATE_NOT_EQUALS("DateNotEquals", true, date(c -> c == 0)),
    DATE_LESS_THAN("DateLessThan", false, date(c -> c < 0)),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, date(c -> c <= 0)),
    DATE_GREATER_THAN("DateGreaterThan", false, date(c -> c > 0)),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, date(c -> c >= 0)),
    BOOL("Bool", false, String::equalsIgnoreCase),
    BINARY_EQUALS("BinaryEquals", false, String::equals),
    IP_ADDRESS("IpAddress", false, ComparisonOperator::inRange),
    NOT_IP_ADDRESS("NotIpAddress", true, ComparisonOperator::inRange),
    ARN_EQUALS("ArnEquals", false, (request, policy) -> ArnPattern.matches(policy, request)),
    ARN_LIKE("ArnLike", false, (request, policy) -> ArnPattern.matches(policy, request)),
    ARN_NOT_EQUALS("ArnNotEquals", true, (request, policy) -> ArnPattern.matches(policy, request)),
    ARN_NOT_LIKE("ArnNotLike", true, (request, policy) -> ArnPattern.matches(policy, request)),
    /** Tests presence only; evaluated by {@link ConditionEvaluator} itself. */
    NULL("Null", false, (request, policy) -> false);

    private final String jsonName;
    private final boolean negated;
    private final BiPredicate<String, String> positiveMatch;

    ComparisonOperator(String jsonName, boolean negated, BiPredicate<String, String> positiveMatch) {
        this.jsonName = jsonName;
        this.negated = negated;
        this.positiveMatch = positiveMatch;
    }

    String jsonName() {
        return jsonName;
    }

    boolean negated() {
        return negated;
    }

    /** Whether one request value satisfies this operator against the policy values (ORed). */
    boolean test(String requestValue, List<String> policyValues) {
        boolean anyMatch = policyValues.stream().anyMatch(p -> positiveMatch.test(requestValue, p));
        return negated != anyMatch;
    }

    static Optional<ComparisonOperator> byName(String name) {
        for (ComparisonOperator op : values()) {
            if (op.jsonName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    private static BiPredicate<String, String> numeric(IntPredicate onComparison) {
        return (request, policy) -> {
            try {
                return onComparison.test(new BigDecimal(request.trim()).compareTo(new BigDecimal(policy.trim())));
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private static BiPredicate<String, String> date(IntPredicate onComparison) {
        return (request, policy) -> {
            Optional<Instant> r = instant(request);
            Optional<Instant> p = instant(policy);
            return r.isPresent() && p.isPresent() && onComparison.test(r.get().compareTo(p.get()));
        };
    }

    /** ISO 8601 (with or without time or offset; UTC assumed) or epoch seconds, as IAM accepts both. */
    static Optional<Instant> instant(String text) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
            } catch (NumberFormatException | DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean inRange(String requestAddress, String policyRange) {
        return IpRange.parse(policyRange).map(r -> r.contains(requestAddress)).orElse(false);
    }
}
