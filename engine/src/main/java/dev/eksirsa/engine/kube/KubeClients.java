package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.EksIrsaException;
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
                .build();
        return build(config);
    }

    /**
     * A client from a kubeconfig file (its current context, or {@code context}); exec entries such as
     * {@code eks-irsa token} or {@code aws eks get-token} run as kubectl would run them.
     *
     * @param context null for the file's current context
     */
    public static KubernetesClient fromKubeconfig(Path file, String context, KubeClientOptions options) {
        if (!Files.isReadable(file)) {
            throw new EksIrsaException("cannot read kubeconfig " + file);
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
        return build(config);
    }

    public static KubernetesClient fromKubeconfig(Path file) {
        return fromKubeconfig(file, null, KubeClientOptions.DEFAULTS);
    }

    private static KubernetesClient build(Config config) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }
}
