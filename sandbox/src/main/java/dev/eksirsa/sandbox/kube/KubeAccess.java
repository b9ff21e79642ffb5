package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.eks.AssociatedPolicy;
import java.util.Collection;
import java.util.List;

/**
 * What EKS lets an authenticated IAM identity do in a cluster, decided before Kubernetes RBAC.
 *
 * @param admitted whether the identity may use the cluster at all (the creator, or an access entry)
 * @param clusterAdmin everything: the creator's bootstrap admin rights
 * @param policies the access policies associated with the identity's access entry, each with its scope
 */
public record KubeAccess(boolean admitted, boolean clusterAdmin, List<AssociatedPolicy> policies) {
    public static final KubeAccess NONE = new KubeAccess(false, false, List.of());
    public static final KubeAccess CLUSTER_ADMIN = new KubeAccess(true, true, List.of());

    public KubeAccess {
        policies = List.copyOf(policies);
    }

    /** An access entry's identity: what its associated policies allow (nothing but discovery without any). */
    public static KubeAccess policies(Collection<AssociatedPolicy> policies) {
        return new KubeAccess(true, false, List.copyOf(policies));
    }
}
