package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.eks.Cluster;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a cluster's API server needs to know about its EKS cluster.
 *
 * @param region injected into pods by the IRSA webhook as AWS_REGION / AWS_DEFAULT_REGION, as on EKS; may be null
 * @param issuer the cluster's OIDC issuer, whose key signs service-account tokens
 * @param access what an authenticated IAM identity ARN (user or assumed-role session) may do in the cluster: everything
 *     for the creator with bootstrap admin rights, what its access policies allow for a principal with an access
 *     entry, else nothing; read on every request
 * @param configMapAuthentication whether the {@code aws-auth} ConfigMap also admits principals (authentication
 *     modes CONFIG_MAP and API_AND_CONFIG_MAP)
 */
public record KubeCluster(
        String name,
        String accountId,
        String region,
        ClusterIssuer issuer,
        Function<String, KubeAccess> access,
        boolean configMapAuthentication) {

    public KubeCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(access, "access");
    }

    public static KubeCluster of(Cluster cluster) {
        return new KubeCluster(
                cluster.name(),
                cluster.accountId(),
                cluster.region(),
                cluster.issuer(),
                identity -> cluster.isBootstrapAdmin(identity)
                        ? KubeAccess.CLUSTER_ADMIN
                        : cluster.accessEntryForIdentity(identity)
                                .map(entry ->
                                        KubeAccess.policies(entry.policies().values()))
                                .orElse(KubeAccess.NONE),
                !cluster.accessConfig().authenticationMode().equals("API"));
    }
}
