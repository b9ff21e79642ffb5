package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.eks.AccessScope;
import dev.eksirsa.sandbox.eks.AssociatedPolicy;
import java.util.List;

/**
 * Decides a Kubernetes request of an identity admitted through an EKS access entry by the access policies associated
 * with it: a cluster-scoped policy applies everywhere (like a ClusterRoleBinding), a namespace-scoped one only to
 * requests in its namespaces (like a RoleBinding in each; a trailing {@code *} matches a prefix, as EKS allows).
 * Kubernetes groups of the entry are not evaluated (the sandbox has no RBAC objects to bind them).
 */
final class AccessPolicyAuthorizer {
    private AccessPolicyAuthorizer() {}

    static boolean allows(KubeAccess access, KubeRequest request) {
        if (access.clusterAdmin()) {
            return true;
        }
        if (!access.admitted()) {
            return false;
        }
        if (!request.isResourceRequest()) {
            // discovery, version and health paths: system:discovery grants them to every authenticated user
            return true;
        }
        return allows(access.policies(), request);
    }

    static boolean allows(List<AssociatedPolicy> policies, KubeRequest request) {
        String resource =
                request.subresource() == null ? request.resource() : request.resource() + "/" + request.subresource();
        String namespace = namespaceOf(request);
        for (AssociatedPolicy policy : policies) {
            if (!inScope(policy.accessScope(), namespace)) {
                continue;
            }
            boolean allowed = AccessPolicyRules.anyMatches(
                    AccessPolicyRules.of(policy.policyArn()).orElse(List.of()),
                    request.group(),
                    resource,
                    request.verb());
            if (allowed) {
                return true;
            }
        }
        return false;
    }

    /** The namespace RBAC sees: a Namespace object's own name, as the API server's request-info resolver sets it. */
    static String namespaceOf(KubeRequest request) {
        if (request.namespace() == null && "namespaces".equals(request.resource()) && "".equals(request.group())) {
            return request.name();
        }
        return request.namespace();
    }

    private static boolean inScope(AccessScope scope, String namespace) {
        if (scope.type().equals("cluster")) {
            return true;
        }
        return namespace != null && scope.namespaces().stream().anyMatch(n -> matches(n, namespace));
    }

    private static boolean matches(String pattern, String namespace) {
        return pattern.endsWith("*")
                ? namespace.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(namespace);
    }
}
