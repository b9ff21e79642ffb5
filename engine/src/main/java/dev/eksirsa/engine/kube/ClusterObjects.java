package dev.eksirsa.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.engine.aws.AwsClients;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Kubernetes calls a step that applies manifests needs (the delegate step), over one cluster's client: reads,
 * server-side apply only where the server's preview differs from what is there, rollout state, restarts, deletes.
 * Steps see model objects and answers, never the fabric8 client.
 */
public final class ClusterObjects implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an apply did (or, in a dry run, would do). */
    public enum Applied {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** A Deployment's rollout as its status reports it. */
    public record Rollout(int ready, int updated, long observedGeneration, long generation) {
        public boolean complete(int replicas) {
            return ready >= replicas && updated >= replicas && observedGeneration >= generation;
        }
    }

    private final KubernetesClient kube;
    private final String cluster;

    public ClusterObjects(KubernetesClient kube) {
        this(kube, null);
    }

    private ClusterObjects(KubernetesClient kube, String cluster) {
        this.kube = kube;
        this.cluster = cluster;
    }

    public static ClusterObjects forCluster(AwsClients aws, String cluster, KubeClientOptions options) {
        return new ClusterObjects(EksClusterClients.forCluster(aws, cluster, options), cluster);
    }

    /** Runs one call; a refusal becomes the engine's error naming what failed, on which cluster, and why. */
    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(what + (cluster == null ? "" : " on EKS cluster \"" + cluster + "\""), e);
        }
    }

    private void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** The service account's annotations, or empty when it does not exist. */
    public Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name) {
        var account = call("reading service account " + namespace + "/" + name, () -> kube.serviceAccounts()
                .inNamespace(namespace)
                .withName(name)
                .get());
        if (account == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = account.getMetadata().getAnnotations();
        return Optional.of(annotations == null ? Map.of() : annotations);
    }

    /** Creates the service account; one that exists by now (made by a parallel run) is left as it is. */
    public void createServiceAccount(String namespace, String name, Map<String, String> labels) {
        run("creating service account " + namespace + "/" + name, () -> {
            try {
                kube.serviceAccounts()
                        .inNamespace(namespace)
                        .resource(new ServiceAccountBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(namespace)
                                .withLabels(labels)
                                .endMetadata()
                                .build())
                        .create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || ModifiedConflicts.modified(e)) {
                    throw e;
                }
            }
        });
    }

    public List<Pod> pods(String namespace, String label, String value) {
        return call("listing pods " + label + "=" + value + " in " + namespace, () -> kube.pods()
                .inNamespace(namespace)
                .withLabel(label, value)
                .list()
                .getItems());
    }

    /** Pods that run as this service account (read-only: what verification inspects). */
    public List<Pod> podsOf(String namespace, String serviceAccount) {
        return call(
                        "listing pods in " + namespace,
                        () -> kube.pods().inNamespace(namespace).list().getItems())
                .stream()
                .filter(p -> serviceAccount.equals(p.getSpec().getServiceAccountName()))
                .toList();
    }

    /** A TokenRequest for the service account with this audience, as the kubelet makes for a projected volume. */
    public String serviceAccountToken(String namespace, String serviceAccount, String audience) {
        return call(
                "requesting a token of service account " + namespace + "/" + serviceAccount,
                () -> kube.serviceAccounts()
                        .inNamespace(namespace)
                        .withName(serviceAccount)
                        .tokenRequest(new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder()
                                .withNewSpec()
                                .withAudiences(audience)
                                .withExpirationSeconds(3600L)
                                .endSpec()
                                .build())
                        .getStatus()
                        .getToken());
    }

    public Optional<Rollout> rollout(String namespace, String name) {
        Deployment d = call("reading deployment " + namespace + "/" + name, () -> kube.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get());
        if (d == null || d.getStatus() == null) {
            return Optional.empty();
        }
        var s = d.getStatus();
        return Optional.of(new Rollout(
                s.getReadyReplicas() == null ? 0 : s.getReadyReplicas(),
                s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas(),
                s.getObservedGeneration() == null ? 0 : s.getObservedGeneration(),
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration()));
    }

    /** {@code kubectl rollout restart}, then the named pods are deleted so that none keeps running as it was. */
    public void restart(String namespace, String deployment, List<String> pods) {
        run(
                "restarting deployment " + namespace + "/" + deployment,
                () -> ModifiedConflicts.retry(() -> kube.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(deployment)
                        .rolling()
                        .restart()));
        pods.forEach(p -> run(
                "deleting pod " + namespace + "/" + p,
                () -> kube.pods().inNamespace(namespace).withName(p).delete()));
    }

    /**
     * Server-side apply as {@code manager} (forcing conflicts: the object is ours) where the server's dry-run
     * preview differs from the live object; a no-op makes no mutating request.
     */
    public Applied apply(HasMetadata object, String manager, boolean dryRun) {
        String what = "server-side apply of " + describe(object);
        HasMetadata live = call(what, () -> kube.resource(object).get());
        HasMetadata preview = call(
                what,
                () -> ModifiedConflicts.retry(() -> kube.resource(object)
                        .dryRun()
                        .fieldManager(manager)
                        .forceConflicts()
                        .serverSideApply()));
        if (live != null && comparable(live).equals(comparable(preview))) {
            return Applied.UNCHANGED;
        }
        if (!dryRun) {
            call(
                    what,
                    () -> ModifiedConflicts.retry(() -> kube.resource(object)
                            .fieldManager(manager)
                            .forceConflicts()
                            .serverSideApply()));
        }
        return live == null ? Applied.CREATED : Applied.UPDATED;
    }

    /** The live object's labels, or empty when it does not exist. */
    public Optional<Map<String, String>> labels(HasMetadata object) {
        HasMetadata live =
                call("reading " + describe(object), () -> kube.resource(object).get());
        if (live == null) {
            return Optional.empty();
        }
        Map<String, String> labels = live.getMetadata().getLabels();
        return Optional.of(labels == null ? Map.of() : labels);
    }

    public void delete(HasMetadata object) {
        run("deleting " + describe(object), () -> kube.resource(object).delete());
    }

    private static String describe(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return object.getKind() + " " + (ns == null ? "" : ns + "/")
                + object.getMetadata().getName();
    }

    private static JsonNode comparable(HasMetadata object) {
        ObjectNode tree = JSON.valueToTree(object);
        ObjectNode metadata = tree.with("metadata");
        for (String field : List.of("managedFields", "resourceVersion", "generation", "creationTimestamp", "uid")) {
            metadata.remove(field);
        }
        tree.remove("status");
        return tree;
    }

    @Override
    public void close() {
        kube.close();
    }
}
