package dev.eksirsa.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fewest calls a correct implementation of each step makes, derived from what it must learn and change (the
 * derivation is in docs/performance.md). Reads on a re-run are what it takes to know nothing changed; writes on a
 * re-run are always zero.
 */
final class BenchMinimums {
    private BenchMinimums() {}

    static Map<String, Object> of(String step) {
        return switch (step) {
                // first run: DescribeCluster (absent), CreateCluster, one DescribeCluster that sees ACTIVE,
                // GetOpenIDConnectProvider (absent) → CreateOpenIDConnectProvider; re-run: DescribeCluster and
                // GetOpenIDConnectProvider (its ARN follows from the issuer and the cluster ARN's account)
            case "eksIrsaCluster" -> minimum(3, 2, 2);
                // first run: GetRole ×2 (absent) → CreateRole ×2, PutRolePolicy ×2 (assume + describe-regions),
                // AttachRolePolicy; GET service account (absent) → create it annotated;
                // re-run: GetRole, GetRolePolicy, ListAttachedRolePolicies for each role, GET service account
            case "irsaRole" -> minimum(3, 6, 7);
                // first run: token and manifest data, the apply of each object, the rollout, connected, connectors;
                // re-run: read each object, the delegate's status, each connector
            case "harnessDelegate" -> minimum(12, 10, 10);
                // reads only; the service-account token it mints is the one write it cannot avoid
            case "verifyIrsa" -> minimum(10, 1, 10);
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
