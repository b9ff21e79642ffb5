package dev.eksirsa.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The overall time budget of one run (the CLI's {@code --timeout}): every wait takes at most what is left. */
public record Deadline(Instant start, Duration budget) {
    /** No overall budget: each wait keeps its own limit. */
    public static final Deadline NONE = new Deadline(Instant.EPOCH, ChronoUnit.FOREVER.getDuration());

    public Deadline {
        Objects.requireNonNull(start, "start");
        if (budget == null || budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative");
        }
    }

    /** A budget that starts now. */
    public static Deadline after(Duration budget) {
        return new Deadline(Instant.now(), budget);
    }

    public Duration remaining() {
        Duration left = budget.minus(Duration.between(start, Instant.now()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The shorter of a wait's own {@code limit} and what is left. */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        return limit.compareTo(left) < 0 ? limit : left;
    }
}
