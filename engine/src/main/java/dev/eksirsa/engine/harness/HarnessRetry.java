package dev.eksirsa.engine.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a Harness call is tried again when Harness throttles it (429), fails on its side (5xx) or drops the
 * connection: {@code attempts} in all, waiting {@code backoff} doubled each time (or what Retry-After asks, up to
 * {@code maxWait}). The JDK's HTTP client has no retry strategy of its own, unlike the AWS SDK and fabric8.
 */
public record HarnessRetry(int attempts, Duration backoff, Duration maxWait) {
    /** Four attempts over about 3.5 s, like the AWS SDK's standard mode. */
    public static final HarnessRetry DEFAULTS = new HarnessRetry(4, Duration.ofMillis(500), Duration.ofSeconds(10));

    public HarnessRetry {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxWait, "maxWait");
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be 1-10");
        }
        if (backoff.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("waits must not be negative");
        }
    }

    /** The same with another first wait (null: the default's). */
    public HarnessRetry withBackoff(Duration value) {
        return value == null ? this : new HarnessRetry(attempts, value, maxWait);
    }

    /** Whether an answer with this status is worth another attempt. */
    static boolean retryable(int status) {
        return status == 429 || status / 100 == 5;
    }

    /** The wait before attempt {@code next} (2, 3, …): Retry-After's seconds when given, else the doubled backoff. */
    Duration waitBefore(int next, Optional<String> retryAfter) {
        Duration wait =
                retryAfter.flatMap(HarnessRetry::seconds).orElse(backoff.multipliedBy(1L << Math.min(next - 2, 20)));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }
}
