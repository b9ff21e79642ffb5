package dev.eksirsa.sandbox.fault;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per account: {@code perSecond} calls a second, with bursts of up to one second's worth, the way
 * IAM throttles an account's writes. A rate of 0 or less lets everything through.
 */
public final class AccountRateLimit {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    public AccountRateLimit(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    AccountRateLimit(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
    }

    /** Takes one call from the account's allowance; false means the call is to be throttled. */
    public synchronized boolean tryAcquire(String accountId) {
        if (perSecond <= 0 || accountId == null) {
            return true;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(accountId, id -> new Bucket(burst, now));
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / NANOS_PER_SECOND * perSecond);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
