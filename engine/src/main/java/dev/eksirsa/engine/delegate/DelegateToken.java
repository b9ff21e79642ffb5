package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.InvalidInputException;

/**
 * A Harness delegate token's value, resolved when the step runs (never part of a spec). It goes into the
 * delegate's Secret and nowhere else.
 */
public record DelegateToken(String token) {

    public DelegateToken {
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("delegateToken", "must not be empty");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException("delegateToken", "must be printable ASCII without spaces");
        }
    }

    @Override
    public String toString() {
        return "DelegateToken[****]";
    }
}
