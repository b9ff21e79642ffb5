package dev.eksirsa.sandbox.harness;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An account's delegate tokens: created ACTIVE with a value, revoked for good; the value is what pods present. */
final class DelegateTokens {
    record Token(String name, String value, String status, long createdAt, long revokedAt) {
        boolean active() {
            return "ACTIVE".equals(status);
        }

        @Override
        public String toString() {
            return "Token[" + name + ", " + status + "]";
        }
    }

    private final Clock clock;
    private final Map<String, Token> byName = new LinkedHashMap<>();

    DelegateTokens(Clock clock) {
        this.clock = clock;
    }

    synchronized Optional<Token> create(String name) {
        if (byName.containsKey(name)) {
            return Optional.empty();
        }
        // Harness's token values are 32 bytes, base64
        Token token = new Token(name, HarnessAccount.random(32) + "=", "ACTIVE", clock.millis(), 0);
        byName.put(name, token);
        return Optional.of(token);
    }

    synchronized Optional<Token> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    synchronized List<Token> all() {
        return new ArrayList<>(byName.values());
    }

    synchronized Optional<Token> revoke(String name) {
        Token token = byName.get(name);
        if (token == null) {
            return Optional.empty();
        }
        Token revoked = new Token(token.name(), token.value(), "REVOKED", token.createdAt(), clock.millis());
        byName.put(name, revoked);
        return Optional.of(revoked);
    }

    /** The active token with this value, if any: how a delegate's DELEGATE_TOKEN is checked. */
    synchronized Optional<Token> activeWithValue(String value) {
        return byName.values().stream()
                .filter(Token::active)
                .filter(t -> t.value().equals(value))
                .findFirst();
    }
}
