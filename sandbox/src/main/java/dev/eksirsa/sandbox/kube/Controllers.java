package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the control plane and kubelets do after a successful write, done synchronously so that the next read
 * already sees it: a new namespace gets its {@code default} service account, new pods start, and Deployments are
 * reconciled into ReplicaSets and pods.
 */
final class Controllers {
    private final CrudStore store;
    private final DeploymentController deployments;

    Controllers(CrudStore store, DeploymentController deployments) {
        this.store = store;
        this.deployments = deployments;
    }

    void changed(KubeRequest request, int code) {
        if (code < 200 || code >= 300 || !request.mutating() || request.resource() == null) {
            return;
        }
        switch (request.resource()) {
            case "namespaces" -> {
                if (!request.verb().startsWith("delete")) {
                    store.get("/api/v1/namespaces").ifPresent(list -> list.path("items")
                            .forEach(ns -> ensureNamespaceDefaults(
                                    ns.path("metadata").path("name").asText())));
                }
            }
            case "pods" -> {
                if (!request.verb().startsWith("delete")) {
                    deployments.startPods(request.namespace());
                }
            }
            case "deployments" -> {
                if (request.name() != null) {
                    deployments.reconcile(request.namespace(), request.name());
                } else {
                    deployments.reconcileAll(request.namespace());
                }
            }
            default -> {
                // no controller for this kind
            }
        }
    }

    /** The {@code default} service account every namespace has. */
    void ensureNamespaceDefaults(String namespace) {
        String path = "/api/v1/namespaces/" + namespace + "/serviceaccounts";
        if (store.get(path + "/default").isEmpty()) {
            ObjectNode sa =
                    CrudStore.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ServiceAccount");
            sa.putObject("metadata").put("name", "default").put("namespace", namespace);
            store.create(path, sa);
        }
    }
}
