package dev.eksirsa.sandbox.eks;

/** The node group states the sandbox passes through. */
public enum NodegroupStatus {
    CREATING,
    ACTIVE,
    DELETING
}
