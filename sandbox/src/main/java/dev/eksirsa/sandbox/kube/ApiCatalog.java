package dev.eksirsa.sandbox.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The group versions and resources the sandbox serves, as a 1.31 API server lists them for these kinds. */
final class ApiCatalog {

    record Resource(
            String name,
            String singular,
            boolean namespaced,
            String kind,
            List<String> shortNames,
            List<String> verbs) {}

    static final List<String> CRUD =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private static final Map<String, List<Resource>> BY_GROUP_VERSION = new LinkedHashMap<>();

    static {
        BY_GROUP_VERSION.put(
                "v1",
                List.of(
                        new Resource("configmaps", "configmap", true, "ConfigMap", List.of("cm"), CRUD),
                        new Resource("events", "event", true, "Event", List.of("ev"), CRUD),
                        new Resource(
                                "namespaces",
                                "namespace",
                                false,
                                "Namespace",
                                List.of("ns"),
                                List.of("create", "delete", "get", "list", "patch", "update", "watch")),
                        new Resource("pods", "pod", true, "Pod", List.of("po"), CRUD),
                        new Resource("pods/status", "", true, "Pod", List.of(), List.of("get", "patch", "update")),
                        new Resource("secrets", "secret", true, "Secret", List.of(), CRUD),
                        new Resource("serviceaccounts", "serviceaccount", true, "ServiceAccount", List.of("sa"), CRUD),
                        new Resource("serviceaccounts/token", "", true, "TokenRequest", List.of(), List.of("create"))));
        BY_GROUP_VERSION.put(
                "apps/v1",
                List.of(
                        new Resource("daemonsets", "daemonset", true, "DaemonSet", List.of("ds"), CRUD),
                        new Resource(
                                "daemonsets/status",
                                "",
                                true,
                                "DaemonSet",
                                List.of(),
                                List.of("get", "patch", "update")),
                        new Resource("deployments", "deployment", true, "Deployment", List.of("deploy"), CRUD),
                        new Resource(
                                "deployments/scale", "", true, "Scale", List.of(), List.of("get", "patch", "update")),
                        new Resource(
                                "deployments/status",
                                "",
                                true,
                                "Deployment",
                                List.of(),
                                List.of("get", "patch", "update")),
                        new Resource("replicasets", "replicaset", true, "ReplicaSet", List.of("rs"), CRUD),
                        new Resource(
                                "replicasets/status",
                                "",
                                true,
                                "ReplicaSet",
                                List.of(),
                                List.of("get", "patch", "update")),
                        new Resource("statefulsets", "statefulset", true, "StatefulSet", List.of("sts"), CRUD),
                        new Resource(
                                "statefulsets/status",
                                "",
                                true,
                                "StatefulSet",
                                List.of(),
                                List.of("get", "patch", "update"))));
        BY_GROUP_VERSION.put(
                "rbac.authorization.k8s.io/v1",
                List.of(
                        new Resource(
                                "clusterrolebindings",
                                "clusterrolebinding",
                                false,
                                "ClusterRoleBinding",
                                List.of(),
                                CRUD),
                        new Resource("clusterroles", "clusterrole", false, "ClusterRole", List.of(), CRUD),
                        new Resource("rolebindings", "rolebinding", true, "RoleBinding", List.of(), CRUD),
                        new Resource("roles", "role", true, "Role", List.of(), CRUD)));
        BY_GROUP_VERSION.put(
                "batch/v1",
                List.of(
                        new Resource("cronjobs", "cronjob", true, "CronJob", List.of("cj"), CRUD),
                        new Resource(
                                "cronjobs/status", "", true, "CronJob", List.of(), List.of("get", "patch", "update"))));
        BY_GROUP_VERSION.put(
                "autoscaling/v2",
                List.of(
                        new Resource(
                                "horizontalpodautoscalers",
                                "horizontalpodautoscaler",
                                true,
                                "HorizontalPodAutoscaler",
                                List.of("hpa"),
                                CRUD),
                        new Resource(
                                "horizontalpodautoscalers/status",
                                "",
                                true,
                                "HorizontalPodAutoscaler",
                                List.of(),
                                List.of("get", "patch", "update"))));
    }

    private ApiCatalog() {}

    static Map<String, List<Resource>> groupVersions() {
        return BY_GROUP_VERSION;
    }

    static boolean serves(String groupVersion) {
        return BY_GROUP_VERSION.containsKey(groupVersion);
    }

    /** The resource (or {@code resource/subresource}) if this group version serves it. */
    static Optional<Resource> find(String groupVersion, String resource, String subresource) {
        String wanted = subresource == null ? resource : resource + "/" + subresource;
        return BY_GROUP_VERSION.getOrDefault(groupVersion, List.of()).stream()
                .filter(r -> r.name().equals(wanted))
                .findFirst();
    }
}
