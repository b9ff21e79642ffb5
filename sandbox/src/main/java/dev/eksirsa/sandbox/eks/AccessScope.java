package dev.eksirsa.sandbox.eks;

import java.util.List;

/** @param type {@code cluster} or {@code namespace} */
public record AccessScope(String type, List<String> namespaces) {

    public AccessScope {
        namespaces = List.copyOf(namespaces);
    }

    public static AccessScope cluster() {
        return new AccessScope("cluster", List.of());
    }
}
