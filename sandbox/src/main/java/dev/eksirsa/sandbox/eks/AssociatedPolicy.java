package dev.eksirsa.sandbox.eks;

import java.time.Instant;

/** An access policy associated with an access entry, e.g. {@code AmazonEKSClusterAdminPolicy} cluster-wide. */
public record AssociatedPolicy(String policyArn, AccessScope accessScope, Instant associatedAt, Instant modifiedAt) {}
