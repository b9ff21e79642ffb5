package dev.eksirsa.sandbox.eks;

/**
 * Told when a cluster is created (the Kubernetes side starts its API server and sets the cluster's endpoint
 * and CA) and when a deleted cluster is finally gone (it stops the server). Called outside EKS's locks.
 */
public interface ClusterListener {
    void created(Cluster cluster);

    void deleted(Cluster cluster);
}
