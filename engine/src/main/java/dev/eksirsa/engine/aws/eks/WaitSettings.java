package dev.eksirsa.engine.aws.eks;

import java.time.Duration;

/** A wait's poll interval and timeout; attempts follow from them and are reported. */
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

    public int maxAttempts() {
        return (int) Math.max(1, timeout.toMillis() / pollInterval.toMillis() + 1);
    }
}
