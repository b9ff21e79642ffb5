package dev.eksirsa.sandbox.auth;

import java.util.Optional;

/** Finds the secret access key of an access key id (long-term or session). */
@FunctionalInterface
public interface SecretLookup {
    Optional<String> secretFor(String accessKeyId);
}
