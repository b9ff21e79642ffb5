package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.cluster.ClusterResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where an EKS cluster's Kubernetes API is and which CA signs its certificate, as DescribeCluster reports them.
 *
 * @param server the API server's https URL
 * @param certificateAuthorityData base64 of the PEM bundle (DescribeCluster's {@code certificateAuthority.data})
 */
public record KubeEndpoint(String clusterName, String server, String certificateAuthorityData) {

    public KubeEndpoint {
        InputRules.clusterName("clusterName", clusterName);
        if (server == null
                || !server.startsWith("https://")
                || URI.create(server).getHost() == null) {
            throw new InvalidInputException("server", "must be the cluster's https:// endpoint");
        }
        if (certificateAuthorityData == null || !decodesToPem(certificateAuthorityData)) {
            throw new InvalidInputException("certificateAuthorityData", "must be base64 of a PEM certificate");
        }
    }

    /** The endpoint of a cluster the cluster step found; fails when it has none yet (creating, dry run). */
    public static KubeEndpoint of(ClusterResult cluster) {
        if (cluster.endpoint() == null || cluster.certificateAuthority() == null) {
            throw new InvalidInputException(
                    "cluster", "EKS cluster \"" + cluster.name() + "\" reports no API endpoint or CA yet");
        }
        return new KubeEndpoint(cluster.name(), cluster.endpoint(), cluster.certificateAuthority());
    }

    private static boolean decodesToPem(String data) {
        try {
            return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.US_ASCII)
                    .contains("-----BEGIN CERTIFICATE-----");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
