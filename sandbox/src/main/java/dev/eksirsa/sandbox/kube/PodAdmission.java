package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What the API server does to a pod at creation: defaults, then the IRSA webhook for its service account. */
final class PodAdmission {
    private final CrudStore store;
    private final IrsaWebhook webhook;

    PodAdmission(CrudStore store, IrsaWebhook webhook) {
        this.store = store;
        this.webhook = webhook;
    }

    record Outcome(ObjectNode pod, boolean mutated) {}

    Outcome admit(String namespace, String body) {
        ObjectNode pod;
        try {
            pod = (ObjectNode) CrudStore.JSON.readTree(body);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("pod body is not a JSON object", e);
        }
        return admit(namespace, pod);
    }

    Outcome admit(String namespace, ObjectNode pod) {
        ObjectNode spec = pod.with("spec");
        if (spec.path("serviceAccountName").asText("").isEmpty()) {
            // the deprecated spec.serviceAccount still names the account when serviceAccountName is absent
            String legacy = spec.path("serviceAccount").asText("");
            spec.put("serviceAccountName", legacy.isEmpty() ? "default" : legacy);
        }
        spec.put("serviceAccount", spec.get("serviceAccountName").asText());
        if (!pod.path("status").has("phase")) {
            pod.with("status").put("phase", "Pending");
        }
        Optional<ObjectNode> serviceAccount = store.get("/api/v1/namespaces/" + namespace + "/serviceaccounts/"
                + spec.get("serviceAccountName").asText());
        boolean mutated = serviceAccount.isPresent() && webhook.mutate(pod, serviceAccount.get());
        return new Outcome(pod, mutated);
    }
}
