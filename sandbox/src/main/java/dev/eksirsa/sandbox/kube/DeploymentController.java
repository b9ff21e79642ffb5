package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A minimal Deployment controller and kubelet: a Deployment gets one ReplicaSet per pod template (named by the
 * template's hash), the current ReplicaSet gets {@code spec.replicas} pods (admitted through the IRSA webhook), older
 * ReplicaSets and their pods go away, every pod runs and is ready at once, and the statuses follow.
 */
final class DeploymentController {
    private static final String HASH_LABEL = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CrudStore store;
    private final PodAdmission admission;
    private final Clock clock;

    DeploymentController(CrudStore store, PodAdmission admission, Clock clock) {
        this.store = store;
        this.admission = admission;
        this.clock = clock;
    }

    synchronized void reconcileAll(String namespace) {
        store.get(deployments(namespace)).ifPresent(list -> list.path("items")
                .forEach(d ->
                        reconcile(namespace, d.path("metadata").path("name").asText())));
    }

    synchronized void reconcile(String namespace, String name) {
        Optional<ObjectNode> found = store.get(deployments(namespace) + "/" + name);
        if (found.isEmpty()) {
            for (JsonNode rs : owned(replicaSets(namespace), "Deployment", name)) {
                removeReplicaSet(namespace, rs);
            }
            return;
        }
        ObjectNode deployment = found.get();
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        JsonNode template = deployment.path("spec").path("template");
        String hash = hash(template.toString());
        String rsName = name + "-" + hash;
        for (JsonNode rs : owned(replicaSets(namespace), "Deployment", name)) {
            if (!rsName.equals(rs.path("metadata").path("name").asText())) {
                removeReplicaSet(namespace, rs);
            }
        }
        ObjectNode rs = store.get(replicaSets(namespace) + "/" + rsName)
                .orElseGet(() -> store.create(replicaSets(namespace), newReplicaSet(deployment, rsName, hash, replicas))
                        .json());
        if (rs.path("spec").path("replicas").asInt(-1) != replicas) {
            rs.with("spec").put("replicas", replicas);
        }
        List<JsonNode> pods = owned(pods(namespace), "ReplicaSet", rsName);
        for (int i = pods.size(); i < replicas; i++) {
            createPod(namespace, rs, hash);
        }
        for (int i = replicas; i < pods.size(); i++) {
            store.delete(pods(namespace) + "/"
                    + pods.get(i).path("metadata").path("name").asText());
        }
        startPods(namespace);
        ObjectNode rsStatus = rs.putObject("status");
        rsStatus.put("replicas", replicas)
                .put("fullyLabeledReplicas", replicas)
                .put("readyReplicas", replicas)
                .put("availableReplicas", replicas)
                .put(
                        "observedGeneration",
                        rs.path("metadata").path("generation").asLong(1));
        store.update(replicaSets(namespace) + "/" + rsName, rs);
        updateDeploymentStatus(namespace, name, rsName, replicas);
    }

    /** Every pod of the namespace that is not running yet starts and becomes ready. */
    synchronized void startPods(String namespace) {
        store.get(pods(namespace)).ifPresent(list -> list.path("items").forEach(pod -> {
            if (!"Running".equals(pod.path("status").path("phase").asText())) {
                ObjectNode running = (ObjectNode) pod.deepCopy();
                running.set("status", runningStatus(pod));
                store.update(
                        pods(namespace) + "/"
                                + pod.path("metadata").path("name").asText(),
                        running);
            }
        }));
    }

    private void updateDeploymentStatus(String namespace, String name, String rsName, int replicas) {
        ObjectNode deployment = store.get(deployments(namespace) + "/" + name).orElse(null);
        if (deployment == null) {
            return;
        }
        String now = now();
        ObjectNode status = deployment.putObject("status");
        status.put(
                        "observedGeneration",
                        deployment.path("metadata").path("generation").asLong(1))
                .put("replicas", replicas)
                .put("updatedReplicas", replicas)
                .put("readyReplicas", replicas)
                .put("availableReplicas", replicas);
        ArrayNode conditions = status.putArray("conditions");
        conditions
                .addObject()
                .put("type", "Available")
                .put("status", "True")
                .put("lastUpdateTime", now)
                .put("lastTransitionTime", now)
                .put("reason", "MinimumReplicasAvailable")
                .put("message", "Deployment has minimum availability.");
        conditions
                .addObject()
                .put("type", "Progressing")
                .put("status", "True")
                .put("lastUpdateTime", now)
                .put("lastTransitionTime", now)
                .put("reason", "NewReplicaSetAvailable")
                .put("message", "ReplicaSet \"" + rsName + "\" has successfully progressed.");
        store.update(deployments(namespace) + "/" + name, deployment);
    }

    private ObjectNode newReplicaSet(ObjectNode deployment, String rsName, String hash, int replicas) {
        ObjectNode rs =
                CrudStore.JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode metadata = rs.putObject("metadata")
                .put("name", rsName)
                .put("namespace", deployment.path("metadata").path("namespace").asText());
        ObjectNode template =
                (ObjectNode) deployment.path("spec").path("template").deepCopy();
        template.with("metadata").with("labels").put(HASH_LABEL, hash);
        metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        metadata.putObject("annotations").put("deployment.kubernetes.io/revision", "1");
        ownedBy(metadata, "apps/v1", "Deployment", deployment);
        ObjectNode spec = rs.putObject("spec").put("replicas", replicas);
        ObjectNode selector = deployment.path("spec").path("selector").isObject()
                ? (ObjectNode) deployment.path("spec").path("selector").deepCopy()
                : CrudStore.JSON.createObjectNode();
        selector.with("matchLabels").put(HASH_LABEL, hash);
        spec.set("selector", selector);
        spec.set("template", template);
        return rs;
    }

    private void createPod(String namespace, ObjectNode rs, String hash) {
        JsonNode template = rs.path("spec").path("template");
        ObjectNode pod =
                CrudStore.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        String rsName = rs.path("metadata").path("name").asText();
        ObjectNode metadata = pod.putObject("metadata")
                .put("name", rsName + "-" + suffix())
                .put("namespace", namespace)
                .put("generateName", rsName + "-");
        metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        if (template.path("metadata").has("annotations")) {
            metadata.set(
                    "annotations", template.path("metadata").path("annotations").deepCopy());
        }
        ownedBy(metadata, "apps/v1", "ReplicaSet", rs);
        pod.set("spec", template.path("spec").deepCopy());
        store.create(pods(namespace), admission.admit(namespace, pod).pod());
    }

    private void removeReplicaSet(String namespace, JsonNode rs) {
        String rsName = rs.path("metadata").path("name").asText();
        for (JsonNode pod : owned(pods(namespace), "ReplicaSet", rsName)) {
            store.delete(
                    pods(namespace) + "/" + pod.path("metadata").path("name").asText());
        }
        store.delete(replicaSets(namespace) + "/" + rsName);
    }

    private List<JsonNode> owned(String collection, String ownerKind, String ownerName) {
        List<JsonNode> owned = new ArrayList<>();
        store.get(collection).ifPresent(list -> list.path("items").forEach(item -> {
            for (JsonNode ref : item.path("metadata").path("ownerReferences")) {
                if (ownerKind.equals(ref.path("kind").asText())
                        && ownerName.equals(ref.path("name").asText())) {
                    owned.add(item);
                    return;
                }
            }
        }));
        return owned;
    }

    private static void ownedBy(ObjectNode metadata, String apiVersion, String kind, JsonNode owner) {
        metadata.putArray("ownerReferences")
                .addObject()
                .put("apiVersion", apiVersion)
                .put("kind", kind)
                .put("name", owner.path("metadata").path("name").asText())
                .put("uid", owner.path("metadata").path("uid").asText(""))
                .put("controller", true)
                .put("blockOwnerDeletion", true);
    }

    private ObjectNode runningStatus(JsonNode pod) {
        String now = now();
        ObjectNode status = CrudStore.JSON
                .createObjectNode()
                .put("phase", "Running")
                .put("hostIP", "10.0.1.10")
                .put("podIP", "10.0.1." + (20 + RANDOM.nextInt(200)))
                .put("startTime", now)
                .put("qosClass", "BestEffort");
        ArrayNode conditions = status.putArray("conditions");
        for (String type :
                List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", now);
        }
        ArrayNode containers = status.putArray("containerStatuses");
        for (JsonNode container : pod.path("spec").path("containers")) {
            ObjectNode cs = containers
                    .addObject()
                    .put("name", container.path("name").asText())
                    .put("image", container.path("image").asText())
                    .put("ready", true)
                    .put("started", true)
                    .put("restartCount", 0)
                    .put("imageID", "");
            cs.putObject("state").putObject("running").put("startedAt", now);
        }
        return status;
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String hash(String template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(template.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                out.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static String deployments(String ns) {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private static String replicaSets(String ns) {
        return "/apis/apps/v1/namespaces/" + ns + "/replicasets";
    }

    private static String pods(String ns) {
        return "/api/v1/namespaces/" + ns + "/pods";
    }
}
