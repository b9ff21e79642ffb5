package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The PATCH content types the mock does not handle: strategic merge patch and server-side apply. Apply is
 * create-or-merge with strategic-merge semantics and records the field manager in {@code managedFields}; there is no
 * ownership or conflict model.
 */
final class Patches {
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String APPLY = "application/apply-patch+yaml";
    static final String MERGE = "application/merge-patch+json";

    private final CrudStore store;
    private final PodAdmission admission;
    private final Clock clock;

    Patches(CrudStore store, PodAdmission admission, Clock clock) {
        this.store = store;
        this.admission = admission;
        this.clock = clock;
    }

    record Outcome(int code, JsonNode body) {}

    /** Empty when the mock handles the patch itself (JSON patch, JSON merge patch). */
    Optional<Outcome> handle(KubeRequest request, RecordedRequest recorded) {
        String contentType = Optional.ofNullable(recorded.getHeader("Content-Type"))
                .orElse("")
                .toLowerCase(java.util.Locale.ROOT);
        boolean strategic = contentType.startsWith(STRATEGIC);
        boolean apply = contentType.startsWith(APPLY);
        boolean dryRun = request.query().containsKey("dryRun");
        // The mock applies merge patches itself, but cannot leave them unstored for a dry run.
        boolean merge = dryRun && contentType.startsWith(MERGE);
        if (!strategic && !apply && !merge) {
            return Optional.empty();
        }
        JsonNode patch;
        try {
            // kubectl and fabric8 send apply patches as JSON, which is YAML too; block-style YAML is not parsed.
            patch = CrudStore.JSON.readTree(recorded.getUtf8Body());
        } catch (IOException e) {
            return Optional.of(
                    new Outcome(400, StatusResponses.failure(400, "BadRequest", "the patch body could not be parsed")));
        }
        if (!(patch instanceof ObjectNode)) {
            return Optional.of(
                    new Outcome(400, StatusResponses.failure(400, "BadRequest", "the patch must be an object")));
        }
        String objectPath = objectPath(request);
        Optional<ObjectNode> current = store.get(objectPath);
        if (current.isEmpty() && !apply) {
            return Optional.of(
                    new Outcome(404, StatusResponses.notFound(request.resource(), request.group(), request.name())));
        }
        if (apply) {
            String manager = request.query().get("fieldManager");
            if (manager == null || manager.isBlank()) {
                return Optional.of(new Outcome(
                        422,
                        StatusResponses.invalid(
                                "PatchOptions", "", "fieldManager: Required value: is required for apply patch")));
            }
            return Optional.of(
                    current.isEmpty()
                            ? createByApply(request, (ObjectNode) patch, manager, dryRun)
                            : merge(objectPath, current.get(), patch, manager, true, dryRun));
        }
        return Optional.of(merge(objectPath, current.get(), patch, null, strategic, dryRun));
    }

    private Outcome createByApply(KubeRequest request, ObjectNode object, String manager, boolean dryRun) {
        ObjectNode metadata = object.with("metadata");
        metadata.put("name", request.name());
        if (request.namespace() != null) {
            metadata.put("namespace", request.namespace());
        }
        recordManager(object, manager);
        if (request.resource().equals("pods")) {
            object = admission.admit(request.namespace(), object).pod();
        }
        if (dryRun) {
            return new Outcome(201, object);
        }
        CrudStore.Result created = store.create(collectionPath(request), object);
        return new Outcome(created.code(), created.json());
    }

    private Outcome merge(
            String objectPath, ObjectNode current, JsonNode patch, String manager, boolean mergeKeys, boolean dryRun) {
        ObjectNode merged = StrategicMerge.apply(current, patch, mergeKeys);
        if (manager != null) {
            recordManager(merged, manager);
        }
        if (dryRun) {
            return new Outcome(200, merged);
        }
        CrudStore.Result updated = store.update(objectPath, merged);
        return new Outcome(updated.code(), updated.json());
    }

    private void recordManager(ObjectNode object, String manager) {
        ArrayNode managed = object.with("metadata").withArray("managedFields");
        for (int i = managed.size() - 1; i >= 0; i--) {
            JsonNode entry = managed.get(i);
            if (manager.equals(entry.path("manager").asText())
                    && "Apply".equals(entry.path("operation").asText())) {
                managed.remove(i);
            }
        }
        managed.addObject()
                .put("manager", manager)
                .put("operation", "Apply")
                .put("apiVersion", object.path("apiVersion").asText())
                .put(
                        "time",
                        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .put("fieldsType", "FieldsV1")
                .putObject("fieldsV1");
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
