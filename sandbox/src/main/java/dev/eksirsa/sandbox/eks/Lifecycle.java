package dev.eksirsa.sandbox.eks;

import java.time.Instant;

/**
 * When a resource becomes active and, once deletion was asked for, when it is gone. States are computed from
 * the clock, so tests with a fixed clock see no background thread change anything.
 */
public record Lifecycle(Instant createdAt, Instant activeAt, Instant deletingSince, Instant goneAt) {

    public static Lifecycle creating(Instant createdAt, Instant activeAt) {
        return new Lifecycle(createdAt, activeAt, null, null);
    }

    Lifecycle deleting(Instant now, Instant goneAt) {
        return new Lifecycle(createdAt, activeAt, now, goneAt);
    }

    boolean deleting() {
        return deletingSince != null;
    }

    boolean active(Instant now) {
        return !deleting() && !now.isBefore(activeAt);
    }

    boolean gone(Instant now) {
        return deleting() && !now.isBefore(goneAt);
    }
}
