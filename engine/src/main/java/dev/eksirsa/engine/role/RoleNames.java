package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.ShortNames;
import dev.eksirsa.engine.kube.ServiceAccountRef;

/** The default IRSA role name of CLI.md (a contract across versions). */
public final class RoleNames {
    static final int MAX = 64;

    private RoleNames() {}

    /**
     * {@code <cluster>-<namespace>-<serviceaccount>}; longer than 64 characters, it is cut and suffixed with
     * {@code -} and the first 8 hex characters of the SHA-256 of the full name, so that distinct long names stay
     * distinct.
     */
    public static String defaultName(String cluster, ServiceAccountRef serviceAccount) {
        return ShortNames.withinIamLimit(cluster + "-" + serviceAccount.namespace() + "-" + serviceAccount.name());
    }
}
