package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the delegate may do in its cluster; the names are Harness's {@code clusterPermissionType}. */
public enum PermissionLevel {
    /** A ClusterRoleBinding to {@code cluster-admin}: Harness's default. */
    CLUSTER_ADMIN,
    /** A ClusterRoleBinding to {@code view}. */
    CLUSTER_VIEWER,
    /** A Role on everything in the delegate's namespace, and its RoleBinding. */
    NAMESPACE_ADMIN;

    public static PermissionLevel parse(String field, String value) {
        return Arrays.stream(values())
                .filter(level -> level.name().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        field,
                        "must be one of "
                                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
