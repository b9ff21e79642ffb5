package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * PATCH of every content type, so that each records its field manager in {@code managedFields}: server-side apply
 * through {@link FieldOwnership#apply} (create-or-merge with strategic-merge semantics, pruning, conflicts and
 * {@code force}), strategic merge, JSON merge and JSON patch as Update operations of their {@code fieldManager}.
 */
final class Patches {
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String APPLY = "application/apply-patch+yaml";
    static final String MERGE = "application/merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";

    private final CrudStore store;
    private final PodAdmission admission;
    private final Clock clock;

    Patches(CrudStore store, PodAdmission admission, Clock clock) {
        this.store = store;
        this.admission = admission;
        this.clock = clock;
    }

    record Outcome(int code, JsonNode body) {}

    /** Empty for a content type this class does not know (the mock refuses it). */
    Optional<Outcome> handle(KubeRequest request, RecordedRequest recorded) {
        String contentType = Optional.ofNullable(recorded.getHeader("Content-Type"))
                .orElse("")
                .toLowerCase(Locale.ROOT);
        boolean apply = contentType.startsWith(APPLY);
        boolean jsonPatch = contentType.startsWith(JSON_PATCH);
        boolean strategic = contentType.startsWith(STRATEGIC);
        if (!apply && !jsonPatch && !strategic && !contentType.startsWith(MERGE)) {
            return Optional.empty();
        }
        JsonNode patch;
        try {
            // kubectl and fabric8 send apply patches as JSON, which is YAML too; block-style YAML is not parsed.
            patch = CrudStore.JSON.readTree(recorded.getUtf8Body());
        } catch (IOException e) {
            return Optional.of(badRequest("the patch body could not be parsed"));
        }
        if (jsonPatch ? !(patch instanceof ArrayNode) : !(patch instanceof ObjectNode)) {
            return Optional.of(badRequest("the patch must be " + (jsonPatch ? "an array" : "an object")));
        }
        String objectPath = objectPath(request);
        Optional<ObjectNode> current = store.get(objectPath);
        if (current.isEmpty() && !apply) {
            return Optional.of(
                    new Outcome(404, StatusResponses.notFound(request.resource(), request.group(), request.name())));
        }
        if (apply) {
            return Optional.of(apply(request, objectPath, current, (ObjectNode) patch));
        }
        ObjectNode patched;
        if (jsonPatch) {
            try {
                patched = (ObjectNode)
                        JsonPatch.apply(patch, withParents(current.get().deepCopy(), patch));
            } catch (JsonPatchException | ClassCastException e) {
                return Optional.of(new Outcome(
                        422,
                        StatusResponses.invalid(
                                request.resource(),
                                request.name(),
                                "the JSON patch could not be applied: " + e.getMessage())));
            }
        } else {
            patched = StrategicMerge.apply(current.get().deepCopy(), patch, strategic);
        }
        ObjectNode owned =
                FieldOwnership.update(current.get(), patched, updateManager(request, recorded), clock.instant());
        return Optional.of(store(objectPath, owned, request.dryRun()));
    }

    /** As the mock did before: an {@code add} creates the objects its path needs (fabric8's restart relies on it). */
    private static ObjectNode withParents(ObjectNode object, JsonNode patch) {
        for (JsonNode operation : patch) {
            if (!"add".equals(operation.path("op").asText())) {
                continue;
            }
            String[] segments = operation.path("path").asText("").split("/");
            JsonNode node = object;
            for (int i = 1; i < segments.length - 1 && node instanceof ObjectNode parent; i++) {
                String name = segments[i].replace("~1", "/").replace("~0", "~");
                node = parent.has(name) ? parent.get(name) : parent.putObject(name);
            }
        }
        return object;
    }

    /**
     * The manager of a write other than apply: its {@code fieldManager}, else (as the API server does) the product
     * name of its User-Agent.
     */
    static String updateManager(KubeRequest request, RecordedRequest recorded) {
        String manager = request.query().get("fieldManager");
        if (manager != null && !manager.isBlank()) {
            return manager;
        }
        String agent = Optional.ofNullable(recorded.getHeader("User-Agent")).orElse("");
        String product = agent.split("/", 2)[0].trim();
        return product.isEmpty() ? "unknown" : product;
    }

    private Outcome apply(KubeRequest request, String objectPath, Optional<ObjectNode> current, ObjectNode config) {
        String manager = request.query().get("fieldManager");
        if (manager == null || manager.isBlank()) {
            return new Outcome(
                    422,
                    StatusResponses.invalid(
                            "PatchOptions", "", "fieldManager: Required value: is required for apply patch"));
        }
        boolean force = "true".equals(request.query().get("force"));
        FieldOwnership.Outcome applied =
                FieldOwnership.apply(current.orElse(null), config, manager, force, clock.instant());
        if (applied.isConflict()) {
            return new Outcome(409, StatusResponses.applyConflict(applied.conflicts()));
        }
        ObjectNode object = applied.object();
        if (current.isPresent()) {
            return store(objectPath, object, request.dryRun());
        }
        ObjectNode metadata = object.withObjectProperty("metadata");
        metadata.put("name", request.name());
        if (request.namespace() != null) {
            metadata.put("namespace", request.namespace());
        }
        if (request.resource().equals("pods")) {
            object = admission.admit(request.namespace(), object).pod();
        }
        if (request.dryRun()) {
            return new Outcome(201, object);
        }
        CrudStore.Result created = store.create(collectionPath(request), object);
        return new Outcome(created.code(), created.json());
    }

    private Outcome store(String objectPath, ObjectNode object, boolean dryRun) {
        if (dryRun) {
            return new Outcome(200, object);
        }
        CrudStore.Result updated = store.update(objectPath, object);
        return new Outcome(updated.code(), updated.json());
    }

    private static Outcome badRequest(String message) {
        return new Outcome(400, StatusResponses.failure(400, "BadRequest", message));
    }

    private static String objectPath(KubeRequest request) {
        return collectionPath(request) + "/" + request.name();
    }

    private static String collectionPath(KubeRequest request) {
        String prefix = request.group().isEmpty()
                ? "/api/" + request.version()
                : "/apis/" + request.group() + "/" + request.version();
        return prefix + (request.namespace() == null ? "" : "/namespaces/" + request.namespace()) + "/"
                + request.resource();
    }
}
