package dev.eksirsa.engine.aws.eks;

import java.time.Instant;
import java.util.Objects;

/**
 * An EKS bearer token. Valid 15 minutes from signing; {@code refreshAt} is 14 minutes, as kubectl's exec
 * plugins do, so a client never presents one about to expire.
 */
public record EksToken(String value, Instant signedAt, Instant refreshAt) {
    public static final String PREFIX = "k8s-aws-v1.";

    public EksToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(refreshAt, "refreshAt");
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("an EKS token starts with " + PREFIX);
        }
    }

    /** When the API server stops accepting it. */
    public Instant expiresAt() {
        return signedAt.plusSeconds(15 * 60);
    }

    @Override
    public String toString() {
        return "EksToken[value=****, signedAt=" + signedAt + ", refreshAt=" + refreshAt + "]";
    }
}
