package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.ApiAccessCheck;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Lists one namespace with the caller's EKS token: what every later step needs at least. A refusal becomes
 * advice naming the principal to give an access entry to.
 */
public final class KubeAccessCheck implements ApiAccessCheck {
    private final AwsClients aws;
    private final EksTokenGenerator tokens;
    private final KubeClientOptions options;

    /** @param stsEndpoint the STS URL tokens are presigned for; null for the region's public one */
    public KubeAccessCheck(AwsClients aws, URI stsEndpoint, KubeClientOptions options) {
        this.aws = aws;
        this.tokens = new EksTokenGenerator(aws.credentialsProvider(), aws.region(), stsEndpoint, Clock.systemUTC());
        this.options = options;
    }

    public KubeAccessCheck(AwsClients aws, URI stsEndpoint) {
        this(aws, stsEndpoint, KubeClientOptions.PROBE);
    }

    @Override
    public Optional<String> problem(ApiTarget target) {
        KubeEndpoint endpoint =
                new KubeEndpoint(target.clusterName(), target.endpoint(), target.certificateAuthority());
        try (KubernetesClient client = KubeClients.eks(endpoint, tokens, options)) {
            client.namespaces().list(new ListOptionsBuilder().withLimit(1L).build());
            return Optional.empty();
        } catch (KubernetesClientException e) {
            String name = target.clusterName();
            return Optional.of(
                    switch (KubeRefusal.of(e)) {
                        case UNAUTHORIZED -> KubeErrors.unauthorized(name);
                        case FORBIDDEN -> KubeErrors.forbidden(
                                name, new CallerPrincipal(aws).arn(), target.authenticationMode());
                        case UNREACHABLE -> KubeErrors.unreachable(name, target.endpoint(), target.publicAccess(), e);
                        case OTHER -> "could not check access to the Kubernetes API of EKS cluster \"" + name + "\": "
                                + KubeErrors.describe(e);
                    });
        }
    }
}
