package dev.eksirsa.sandbox.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every access key the sandbox knows: the administrators' long-term keys and the sessions STS issued. */
public final class CredentialStore {
    private final Map<String, IssuedCredentials> byAccessKeyId = new ConcurrentHashMap<>();
    private final Clock clock;

    public CredentialStore(Clock clock) {
        this.clock = clock;
    }

    public IssuedCredentials issueUserKey(Caller user) {
        IssuedCredentials credentials =
                new IssuedCredentials(Ids.accessKeyId("AKIA"), Ids.secretAccessKey(), null, user, null);
        byAccessKeyId.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    public IssuedCredentials issueSession(Caller session) {
        IssuedCredentials credentials = new IssuedCredentials(
                Ids.accessKeyId("ASIA"), Ids.secretAccessKey(), Ids.sessionToken(), session, session.expiresAt());
        byAccessKeyId.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    public Optional<IssuedCredentials> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }

    public Optional<String> secretFor(String accessKeyId) {
        return find(accessKeyId).map(IssuedCredentials::secretAccessKey);
    }

    /** Every key handed out so far, sessions included. */
    public List<IssuedCredentials> issued() {
        return List.copyOf(byAccessKeyId.values());
    }

    public boolean expired(IssuedCredentials credentials) {
        return credentials.expiresAt() != null && !Instant.now(clock).isBefore(credentials.expiresAt());
    }
}
