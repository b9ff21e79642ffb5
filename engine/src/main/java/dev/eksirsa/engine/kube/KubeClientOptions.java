package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.aws.ProxySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retries of a Kubernetes client.
 *
 * @param retries how often fabric8 retries a request that failed to connect, got a 429 or a 5xx
 * @param retryBackoff fabric8's first wait before a retry, doubled each time (a 429's Retry-After wins)
 */
public record KubeClientOptions(
        Duration connectTimeout, Duration requestTimeout, int retries, ProxySettings proxy, Duration retryBackoff) {
    /** fabric8's own first retry wait. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

    /** For steps that work with the cluster: fabric8's usual patience. */
    public static final KubeClientOptions DEFAULTS =
            new KubeClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), 5);
    /** For a quick look whether the API answers at all: no retry, short timeouts. */
    public static final KubeClientOptions PROBE =
            new KubeClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 0);

    public KubeClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        retryBackoff = retryBackoff == null ? DEFAULT_RETRY_BACKOFF : retryBackoff;
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries must be 0-10");
        }
    }

    /** Without a proxy. */
    public KubeClientOptions(Duration connectTimeout, Duration requestTimeout, int retries) {
        this(connectTimeout, requestTimeout, retries, null, null);
    }

    public KubeClientOptions(Duration connectTimeout, Duration requestTimeout, int retries, ProxySettings proxy) {
        this(connectTimeout, requestTimeout, retries, proxy, null);
    }

    /** The same through {@code value} (null: direct), the proxy the step's AWS clients use. */
    public KubeClientOptions withProxy(ProxySettings value) {
        return new KubeClientOptions(connectTimeout, requestTimeout, retries, value, retryBackoff);
    }

    /** The same with another first retry wait (null: fabric8's). */
    public KubeClientOptions withRetryBackoff(Duration value) {
        return new KubeClientOptions(connectTimeout, requestTimeout, retries, proxy, value);
    }
}
