package dev.eksirsa.sandbox.eks;

import java.util.List;

/** The EKS access policies, as ListAccessPolicies names them. */
final class AccessPolicies {
    static final String PREFIX = "arn:aws:eks::aws:cluster-access-policy/";
    static final String CLUSTER_ADMIN = PREFIX + "AmazonEKSClusterAdminPolicy";
    static final List<String> NAMES = List.of(
            "AmazonEKSAdminPolicy",
            "AmazonEKSAdminViewPolicy",
            "AmazonEKSClusterAdminPolicy",
            "AmazonEKSEditPolicy",
            "AmazonEKSViewPolicy");

    private AccessPolicies() {}

    static boolean known(String policyArn) {
        return policyArn != null
                && policyArn.startsWith(PREFIX)
                && NAMES.contains(policyArn.substring(PREFIX.length()));
    }
}
