package dev.eksirsa.engine.aws.eks;

import java.time.Duration;

/**
 * A wait's poll interval and timeout; attempts follow from them and are reported. Polls start at
 * {@link #firstPoll()} and double up to the poll interval: a sandbox cluster ACTIVE after 2 s is seen within
 * about a second, and a real creation (~10 minutes) still settles at AWS's 30 s.
 */
public record WaitSettings(Duration pollInterval, Duration timeout) {

    public WaitSettings {
        if (pollInterval.isNegative() || pollInterval.isZero() || timeout.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("need 0 < pollInterval <= timeout");
        }
    }

    /** These settings, the timeout (and the poll, if longer) cut to {@code limit}. */
    WaitSettings cappedAt(Duration limit) {
        return new WaitSettings(
                pollInterval.compareTo(limit) < 0 ? pollInterval : limit,
                timeout.compareTo(limit) < 0 ? timeout : limit);
    }

    /** The first delay: 1 s, or the poll interval when that is shorter. */
    public Duration firstPoll() {
        Duration first = Duration.ofSeconds(1);
        return pollInterval.compareTo(first) < 0 ? pollInterval : first;
    }

    /** The delay before attempt {@code attempt + 1}: doubling from {@link #firstPoll()}, at most the poll interval. */
    public Duration delayAfter(int attempt) {
        long millis = firstPoll().toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return millis >= pollInterval.toMillis() ? pollInterval : Duration.ofMillis(millis);
    }

    /** Enough attempts for the whole timeout with the growing delays (the timeout itself ends the wait). */
    public int maxAttempts() {
        long elapsed = 0;
        int attempts = 1;
        while (elapsed < timeout.toMillis() && attempts < 100_000) {
            elapsed += delayAfter(attempts).toMillis();
            attempts++;
        }
        return attempts;
    }
}
