package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.aws.ProxySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retries of a Kubernetes client.
 *
 * @param retries how often fabric8 retries a request that failed to connect or got a 5xx (exponential backoff)
 */
public record KubeClientOptions(Duration connectTimeout, Duration requestTimeout, int retries, ProxySettings proxy) {
    /** For steps that work with the cluster: fabric8's usual patience. */
    public static final KubeClientOptions DEFAULTS =
            new KubeClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), 5);
    /** For a quick look whether the API answers at all: no retry, short timeouts. */
    public static final KubeClientOptions PROBE =
            new KubeClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 0);

    public KubeClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
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
        this(connectTimeout, requestTimeout, retries, null);
    }

    /** The same through {@code value} (null: direct), the proxy the step's AWS clients use. */
    public KubeClientOptions withProxy(ProxySettings value) {
        return new KubeClientOptions(connectTimeout, requestTimeout, retries, value);
    }
}
