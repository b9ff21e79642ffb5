package dev.eksirsa.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fewest calls a correct implementation makes for the benchmark's setup (one cluster created with its role and
 * default subnets; an IRSA role with one inline policy, a cross-account role with one managed and one inline
 * policy, one service account; a delegate with two connectors tested; the verification with one hop and one
 * probe). docs/performance.md derives each figure. A no-op re-run's minimum writes are always zero.
 */
final class BenchMinimums {
    private BenchMinimums() {}

    static Map<String, Object> of(String step) {
        return switch (step) {
                // first: DescribeCluster (absent), DescribeSubnets (default-for-az), GetRole (cluster role, absent),
                // one DescribeCluster seeing ACTIVE, GetOpenIDConnectProvider (absent) | CreateRole, AttachRolePolicy,
                // CreateCluster, CreateOpenIDConnectProvider. re-run: DescribeCluster, GetOpenIDConnectProvider
            case "eksIrsaCluster" -> minimum(5, 4, 2);
                // first: GetRole ×2 (absent), GET service account (absent) | CreateRole, PutRolePolicy, CreateRole,
                // AttachRolePolicy, PutRolePolicy, namespace, service account. re-run: per role GetRole,
                // ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies; the service account; its pods
            case "irsaRole" -> minimum(3, 7, 10);
                // first: the name in use elsewhere?, token, each of RBAC, Secret, Deployment, the rollout, the pods,
                // connected?, each connector and its test | token, RBAC, Secret, Deployment, 2 connectors.
                // re-run: the same reads but the token's second look-up
            case "harnessDelegate" -> minimum(13, 6, 12);
                // DescribeCluster, the service account, GetOpenIDConnectProvider, GetRole, ListRolePolicies,
                // GetRolePolicy, the pods, a token, AssumeRoleWithWebIdentity, AssumeRole, the probe; no writes
            case "verifyIrsa" -> minimum(11, 0, 11);
            default -> minimum(0, 0, 0);
        };
    }

    private static Map<String, Object> minimum(int firstRunReads, int firstRunWrites, int reRunReads) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("firstRunReads", firstRunReads);
        out.put("firstRunWrites", firstRunWrites);
        out.put("reRunReads", reRunReads);
        out.put("reRunWrites", 0);
        return out;
    }
}
