package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.ConnectionResolver;
import dev.eksirsa.engine.aws.ProxySettings;
import dev.eksirsa.engine.harness.HarnessRetry;
import dev.eksirsa.engine.kube.KubeClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller hands every step: how connection references become credentials, the environment the step may
 * read (the CLI's process, a Jenkins build's), and where progress goes. The engine reads no other process state.
 *
 * @param environment read for {@code AWS_CA_BUNDLE} and the proxy ({@code HTTPS_PROXY}, {@code NO_PROXY})
 * @param retryBackoff the first wait before a Kubernetes or Harness call is retried, doubled each time; null: each
 *     client's default (fabric8's 1 s, {@link HarnessRetry#DEFAULTS}). AWS calls follow the SDK's retry strategy.
 */
public record StepContext(
        ConnectionResolver connections,
        Map<String, String> environment,
        ProgressListener progress,
        Duration retryBackoff) {

    public StepContext(ConnectionResolver connections, Map<String, String> environment, ProgressListener progress) {
        this(connections, environment, progress, null);
    }

    public StepContext {
        Objects.requireNonNull(connections, "connections");
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        progress = progress == null ? ProgressListener.NONE : progress;
        if (retryBackoff != null && retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative");
        }
    }

    /** This context with progress going to {@code other}: the same connections, environment and retry wait. */
    public StepContext withProgress(ProgressListener other) {
        return new StepContext(connections, environment, other, retryBackoff);
    }

    /** Kubernetes clients' options for this step: fabric8's patience, this context's proxy and retry wait. */
    public KubeClientOptions kubeOptions() {
        return KubeClientOptions.DEFAULTS.withProxy(proxy()).withRetryBackoff(retryBackoff);
    }

    /** How Harness calls are retried in this step. */
    public HarnessRetry harnessRetry() {
        return HarnessRetry.DEFAULTS.withBackoff(retryBackoff);
    }

    /** The one proxy setting (HTTPS_PROXY, NO_PROXY of the environment) for AWS, Kubernetes and the OIDC issuer. */
    public ProxySettings proxy() {
        return ProxySettings.fromEnvironment(environment);
    }
}
