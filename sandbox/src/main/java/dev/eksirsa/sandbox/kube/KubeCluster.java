package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.eks.Cluster;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a cluster's API server needs to know about its EKS cluster.
 *
 * @param region injected into pods by the IRSA webhook as AWS_REGION / AWS_DEFAULT_REGION, as on EKS; may be null
 * @param issuer the cluster's OIDC issuer, whose key signs service-account tokens
 * @param admits whether an authenticated IAM identity ARN (user or assumed-role session) may use the cluster:
 *     the creator with bootstrap admin rights or a principal with an access entry; read on every request
 * @param configMapAuthentication whether the {@code aws-auth} ConfigMap also admits principals (authentication
 *     modes CONFIG_MAP and API_AND_CONFIG_MAP)
 */
public record KubeCluster(
        String name,
        String accountId,
        String region,
        ClusterIssuer issuer,
        Predicate<String> admits,
        boolean configMapAuthentication) {

    public KubeCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(admits, "admits");
    }

    public static KubeCluster of(Cluster cluster) {
        return new KubeCluster(
                cluster.name(),
                cluster.accountId(),
                cluster.region(),
                cluster.issuer(),
                identity -> cluster.isBootstrapAdmin(identity)
                        || cluster.accessEntryForIdentity(identity).isPresent(),
                !cluster.accessConfig().authenticationMode().equals("API"));
    }
}
