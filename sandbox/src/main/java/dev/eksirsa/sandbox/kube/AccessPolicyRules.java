package dev.eksirsa.sandbox.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes rules of the EKS access policies, as EKS documents them ("similar to the Kubernetes user-facing
 * cluster roles"): AmazonEKSClusterAdminPolicy ≈ cluster-admin, AmazonEKSAdminPolicy ≈ admin, AmazonEKSEditPolicy ≈
 * edit, AmazonEKSViewPolicy ≈ view, AmazonEKSAdminViewPolicy = read of everything, secrets included. Only the API
 * groups the sandbox serves, or that the user-facing roles name, are listed; non-resource URLs are left out (the
 * dispatcher lets every admitted identity use discovery and health paths, as {@code system:discovery} does).
 */
final class AccessPolicyRules {
    static final String PREFIX = "arn:aws:eks::aws:cluster-access-policy/";

    /** One RBAC policy rule; {@code *} matches anything. Resources are {@code resource} or {@code resource/sub}. */
    record Rule(Set<String> groups, Set<String> resources, Set<String> verbs) {
        Rule {
            groups = Set.copyOf(groups);
            resources = Set.copyOf(resources);
            verbs = Set.copyOf(verbs);
        }

        boolean matches(String group, String resource, String verb) {
            return (groups.contains("*") || groups.contains(group))
                    && (resources.contains("*") || resources.contains(resource))
                    && (verbs.contains("*") || verbs.contains(verb));
        }
    }

    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> WRITE = Set.of("create", "delete", "deletecollection", "patch", "update");

    static final List<Rule> VIEW = List.of(
            new Rule(
                    Set.of(""),
                    Set.of(
                            "bindings",
                            "configmaps",
                            "endpoints",
                            "events",
                            "limitranges",
                            "namespaces",
                            "namespaces/status",
                            "persistentvolumeclaims",
                            "persistentvolumeclaims/status",
                            "pods",
                            "pods/log",
                            "pods/status",
                            "replicationcontrollers",
                            "replicationcontrollers/scale",
                            "replicationcontrollers/status",
                            "resourcequotas",
                            "resourcequotas/status",
                            "serviceaccounts",
                            "services",
                            "services/status"),
                    READ),
            new Rule(
                    Set.of("apps"),
                    Set.of(
                            "controllerrevisions",
                            "daemonsets",
                            "daemonsets/status",
                            "deployments",
                            "deployments/scale",
                            "deployments/status",
                            "replicasets",
                            "replicasets/scale",
                            "replicasets/status",
                            "statefulsets",
                            "statefulsets/scale",
                            "statefulsets/status"),
                    READ),
            new Rule(
                    Set.of("autoscaling"), Set.of("horizontalpodautoscalers", "horizontalpodautoscalers/status"), READ),
            new Rule(Set.of("batch"), Set.of("cronjobs", "cronjobs/status", "jobs", "jobs/status"), READ),
            new Rule(Set.of("policy"), Set.of("poddisruptionbudgets", "poddisruptionbudgets/status"), READ),
            new Rule(Set.of("networking.k8s.io"), Set.of("ingresses", "ingresses/status", "networkpolicies"), READ),
            new Rule(Set.of("discovery.k8s.io"), Set.of("endpointslices"), READ));

    /** What edit adds to view: writes of namespaced workloads and config, secrets, tokens; no RBAC. */
    static final List<Rule> EDIT = List.of(
            new Rule(
                    Set.of(""),
                    Set.of("pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"),
                    READ),
            new Rule(Set.of(""), Set.of("serviceaccounts"), Set.of("impersonate")),
            new Rule(
                    Set.of(""),
                    Set.of(
                            "pods",
                            "pods/attach",
                            "pods/exec",
                            "pods/portforward",
                            "pods/proxy",
                            "configmaps",
                            "events",
                            "persistentvolumeclaims",
                            "replicationcontrollers",
                            "replicationcontrollers/scale",
                            "secrets",
                            "serviceaccounts",
                            "services",
                            "services/proxy"),
                    WRITE),
            new Rule(Set.of(""), Set.of("pods/eviction", "serviceaccounts/token"), Set.of("create")),
            new Rule(
                    Set.of("apps"),
                    Set.of(
                            "daemonsets",
                            "deployments",
                            "deployments/rollback",
                            "deployments/scale",
                            "replicasets",
                            "replicasets/scale",
                            "statefulsets",
                            "statefulsets/scale"),
                    WRITE),
            new Rule(Set.of("autoscaling"), Set.of("horizontalpodautoscalers"), WRITE),
            new Rule(Set.of("batch"), Set.of("cronjobs", "jobs"), WRITE),
            new Rule(Set.of("policy"), Set.of("poddisruptionbudgets"), WRITE),
            new Rule(Set.of("networking.k8s.io"), Set.of("ingresses", "networkpolicies"), WRITE));

    /** What admin adds to edit: Roles and RoleBindings of the namespace (a namespace scope keeps them there). */
    static final List<Rule> ADMIN = List.of(
            new Rule(Set.of("rbac.authorization.k8s.io"), Set.of("roles", "rolebindings"), union(READ, WRITE)),
            new Rule(Set.of("authorization.k8s.io"), Set.of("localsubjectaccessreviews"), Set.of("create")));

    private static final Map<String, List<Rule>> BY_POLICY = Map.of(
            "AmazonEKSClusterAdminPolicy", List.of(new Rule(Set.of("*"), Set.of("*"), Set.of("*"))),
            "AmazonEKSAdminPolicy", concat(VIEW, EDIT, ADMIN),
            "AmazonEKSEditPolicy", concat(VIEW, EDIT),
            "AmazonEKSViewPolicy", VIEW,
            "AmazonEKSAdminViewPolicy", List.of(new Rule(Set.of("*"), Set.of("*"), READ)));

    private AccessPolicyRules() {}

    /** The rules of an access policy ARN; empty for a policy the sandbox does not know. */
    static Optional<List<Rule>> of(String policyArn) {
        if (policyArn == null || !policyArn.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_POLICY.get(policyArn.substring(PREFIX.length())));
    }

    static boolean anyMatches(List<Rule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(rule -> rule.matches(group, resource, verb));
    }

    static java.util.Set<String> policyNames() {
        return BY_POLICY.keySet();
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... parts) {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
