package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.ProxySettings;
import dev.eksirsa.engine.aws.eks.EksToken;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * fabric8 clients for EKS clusters. Nothing is read from the environment, {@code ~/.kube} or system properties:
 * a client talks to exactly the endpoint it was given. The HTTP client is the JDK's, chosen explicitly because
 * service loading is unreliable under Jenkins' plugin class loaders.
 */
public final class KubeClients {
    private KubeClients() {}

    /** A client whose requests carry a fresh EKS token of the generator's credentials for this cluster. */
    public static KubernetesClient eks(KubeEndpoint endpoint, EksTokenGenerator tokens, KubeClientOptions options) {
        return eks(endpoint, () -> tokens.generate(endpoint.clusterName()), Clock.systemUTC(), options);
    }

    public static KubernetesClient eks(KubeEndpoint endpoint, EksTokenGenerator tokens) {
        return eks(endpoint, tokens, KubeClientOptions.DEFAULTS);
    }

    static KubernetesClient eks(
            KubeEndpoint endpoint, Supplier<EksToken> tokens, Clock clock, KubeClientOptions options) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint.server())
                .withCaCertData(endpoint.certificateAuthorityData())
                .withOauthTokenProvider(new RefreshingEksToken(tokens, clock))
                .withConnectionTimeout((int) options.connectTimeout().toMillis())
                .withRequestTimeout((int) options.requestTimeout().toMillis())
                .withRequestRetryBackoffLimit(options.retries())
                .withRequestRetryBackoffInterval((int) options.retryBackoff().toMillis())
                .build();
        proxy(config, options.proxy(), endpoint.server());
        return build(config);
    }

    /** The step's one proxy setting, for this server (fabric8 reads no environment here: Config.empty()). */
    private static void proxy(Config config, ProxySettings proxy, String server) {
        if (proxy == null || proxy.bypasses(java.net.URI.create(server).getHost())) {
            return;
        }
        config.setHttpsProxy(proxy.address().toString());
        config.setHttpProxy(proxy.address().toString());
        if (proxy.username() != null) {
            config.setProxyUsername(proxy.username());
            config.setProxyPassword(proxy.password());
        }
    }

    /**
     * A client from a kubeconfig file (its current context, or {@code context}). An exec entry (such as
     * {@code eks-irsa token} or {@code aws eks get-token}) runs a program named by the file, so it runs only when
     * the caller allows it; otherwise such a file is refused before anything runs.
     *
     * @param context null for the file's current context
     * @param allowExec whether the user's {@code exec} command may run
     */
    public static KubernetesClient fromKubeconfig(
            Path file, String context, KubeClientOptions options, boolean allowExec) {
        if (!Files.isReadable(file)) {
            throw new EksIrsaException("cannot read kubeconfig " + file);
        }
        if (!allowExec && KubeconfigExec.usesExec(file, context)) {
            throw new InvalidInputException(
                    "kubeconfig",
                    file + ": the context's user runs a command (exec); allow kubeconfig exec to use it, or give a"
                            + " kubeconfig with a token");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, file.toFile());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            // fabric8's message names the file and the missing piece, never a credential
            throw new EksIrsaException("kubeconfig " + file + " is not usable: " + e.getMessage(), null, e);
        }
        config.setConnectionTimeout((int) options.connectTimeout().toMillis());
        config.setRequestTimeout((int) options.requestTimeout().toMillis());
        config.setRequestRetryBackoffLimit(options.retries());
        config.setRequestRetryBackoffInterval((int) options.retryBackoff().toMillis());
        return build(config);
    }

    public static KubernetesClient fromKubeconfig(Path file, boolean allowExec) {
        return fromKubeconfig(file, null, KubeClientOptions.DEFAULTS, allowExec);
    }

    private static KubernetesClient build(Config config) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }
}
