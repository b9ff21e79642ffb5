package dev.eksirsa.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tags that mark AWS resources as created by eks-irsa (a contract across versions: CLI.md). */
public final class Ownership {
    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "eks-irsa";
    public static final String CLUSTER = "eks-irsa:cluster";

    private Ownership() {}

    public static Map<String, String> tags(String clusterName) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_BY, MANAGED_BY_VALUE);
        tags.put(CLUSTER, clusterName);
        return tags;
    }

    public static boolean isOurs(Map<String, String> tags) {
        return tags != null && MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY));
    }

    public static boolean isOursFor(Map<String, String> tags, String clusterName) {
        return isOurs(tags) && clusterName.equals(tags.get(CLUSTER));
    }

    public static boolean isReserved(String key) {
        return MANAGED_BY.equals(key) || key.startsWith("eks-irsa:");
    }
}
