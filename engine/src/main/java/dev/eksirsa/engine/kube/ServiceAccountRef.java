package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.InvalidInputException;

/**
 * A Kubernetes service account, {@code namespace/name}. A {@code *} in either part makes it a pattern, which the
 * trust policy matches with StringLike; {@link IrsaRoleSpec} allows patterns only when asked to.
 */
public record ServiceAccountRef(String namespace, String name) {

    public ServiceAccountRef {
        if (namespace != null && namespace.contains("*")) {
            KubernetesNames.pattern("serviceAccounts", namespace, 63);
        } else {
            KubernetesNames.namespace("serviceAccounts", namespace);
        }
        if (name != null && name.contains("*")) {
            KubernetesNames.pattern("serviceAccounts", name, 253);
        } else {
            KubernetesNames.serviceAccount("serviceAccounts", name);
        }
    }

    /** Parses {@code namespace/name}. */
    public static ServiceAccountRef parse(String value) {
        if (value == null || value.chars().filter(c -> c == '/').count() != 1) {
            throw new InvalidInputException(
                    "serviceAccounts", "must be namespace/name, e.g. harness-delegate-ng/delegate");
        }
        String[] parts = value.split("/", 2);
        return new ServiceAccountRef(parts[0], parts[1]);
    }

    public boolean isPattern() {
        return namespace.contains("*") || name.contains("*");
    }

    /** The {@code sub} claim of this service account's tokens. */
    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
