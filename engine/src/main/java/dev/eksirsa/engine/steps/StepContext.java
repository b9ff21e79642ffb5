package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.ConnectionResolver;
import dev.eksirsa.engine.aws.ProxySettings;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller hands every step: how connection references become credentials, the environment the step may
 * read (the CLI's process, a Jenkins build's), and where progress goes. The engine reads no other process state.
 *
 * @param environment read for {@code AWS_CA_BUNDLE} and the proxy ({@code HTTPS_PROXY}, {@code NO_PROXY})
 */
public record StepContext(ConnectionResolver connections, Map<String, String> environment, ProgressListener progress) {

    public StepContext {
        Objects.requireNonNull(connections, "connections");
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** The one proxy setting (HTTPS_PROXY, NO_PROXY of the environment) for AWS, Kubernetes and the OIDC issuer. */
    public ProxySettings proxy() {
        return ProxySettings.fromEnvironment(environment);
    }
}
