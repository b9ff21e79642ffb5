package dev.eksirsa.sandbox.eks;

/** The cluster states the sandbox passes through (EKS also has FAILED, UPDATING and PENDING). */
public enum ClusterStatus {
    CREATING,
    ACTIVE,
    DELETING,
    /** EKS's state for a cluster it could not create or keep; only {@link Cluster#markFailed()} produces it here. */
    FAILED
}
