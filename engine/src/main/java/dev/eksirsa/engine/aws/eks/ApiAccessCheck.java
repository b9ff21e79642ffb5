package dev.eksirsa.engine.aws.eks;

import java.util.Optional;

/**
 * Whether the caller can use a cluster's Kubernetes API. The cluster step only warns: it needs the API itself
 * only for what later steps do. Implemented in {@code engine.kube}, so that this package stays free of
 * Kubernetes clients.
 */
@FunctionalInterface
public interface ApiAccessCheck {
    /** Checks nothing: for backends whose clusters have no reachable API (moto). */
    ApiAccessCheck NONE = target -> Optional.empty();

    /** @return what is wrong and how to fix it, or empty when the caller got in */
    Optional<String> problem(ApiTarget target);

    /**
     * The cluster as DescribeCluster reports it.
     *
     * @param certificateAuthority base64 of the CA's PEM
     * @param authenticationMode API, API_AND_CONFIG_MAP or CONFIG_MAP; null when EKS did not say
     */
    record ApiTarget(
            String clusterName,
            String endpoint,
            String certificateAuthority,
            boolean publicAccess,
            String authenticationMode) {}
}
