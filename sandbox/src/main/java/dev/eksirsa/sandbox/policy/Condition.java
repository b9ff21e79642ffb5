package dev.eksirsa.sandbox.policy;

import java.util.List;

/**
 * One (operator, key) pair of a Condition block. A block with several operators, or several keys under one
 * operator, becomes several Conditions, all of which must hold; the {@code values} of one Condition are ORed.
 * Non-string JSON values (booleans, numbers) are kept as their text.
 */
public record Condition(String operator, String key, List<String> values) {

    public Condition {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
