package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.services.eks.model.Cluster;

/** A Kubernetes client for an EKS cluster found by name, authenticated with the connection's EKS tokens. */
public final class EksClusterClients {
    private EksClusterClients() {}

    /**
     * The STS URL EKS tokens are presigned for: an https endpoint override (sandboxes, VPC endpoints), else the
     * region's public STS (API servers accept only https STS URLs).
     */
    public static URI stsEndpointForTokens(AwsClients aws) {
        URI endpoint = aws.connection().endpoint();
        return endpoint != null && "https".equals(endpoint.getScheme()) ? endpoint : null;
    }

    public static KubernetesClient forCluster(AwsClients aws, String clusterName, KubeClientOptions options) {
        Cluster c;
        try {
            c = aws.describedCluster(clusterName);
        } catch (software.amazon.awssdk.services.eks.model.ResourceNotFoundException e) {
            throw new dev.eksirsa.engine.api.EksIrsaException(
                    "EKS cluster \"" + clusterName + "\" not found in " + aws.region(), e.requestId(), e);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // an AccessDenied must say so and name eks:DescribeCluster, not surface as the SDK's bare message
            throw dev.eksirsa.engine.aws.AwsErrors.translate("reading EKS cluster \"" + clusterName + "\"", e);
        }
        KubeEndpoint endpoint = new KubeEndpoint(
                clusterName, c.endpoint(), c.certificateAuthority().data());
        return KubeClients.eks(
                endpoint,
                new EksTokenGenerator(
                        aws.credentialsProvider(), aws.region(), stsEndpointForTokens(aws), Clock.systemUTC()),
                options);
    }
}
