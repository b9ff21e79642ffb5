package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side dry run ({@code ?dryRun=All}) of create, update and delete: the answer a real write would give, with
 * admission applied, and nothing stored. Patches are previewed by {@link Patches}.
 */
final class DryRun {
    private final CrudStore store;
    private final PodAdmission admission;
    private final Clock clock;

    DryRun(CrudStore store, PodAdmission admission, Clock clock) {
        this.store = store;
        this.admission = admission;
        this.clock = clock;
    }

    static boolean requested(KubeRequest request) {
        return request.writes() && request.dryRun();
    }

    /** The dry-run answer, or empty when the verb is previewed elsewhere (patch). */
    Optional<Patches.Outcome> answer(KubeRequest request, String body) {
        String objectPath = request.name() == null ? null : request.path();
        return switch (request.verb()) {
            case "create" -> Optional.of(create(request, parse(body)));
            case "update" -> Optional.of(
                    store.get(objectPath).isPresent() ? new Patches.Outcome(200, parse(body)) : notFound(request));
            case "delete" -> Optional.of(store.get(objectPath)
                    .<Patches.Outcome>map(o -> new Patches.Outcome(200, o))
                    .orElseGet(() -> notFound(request)));
            case "patch" -> Optional.empty();
            default -> Optional.of(new Patches.Outcome(
                    400, StatusResponses.failure(400, "BadRequest", "the sandbox does not dry-run " + request.verb())));
        };
    }

    private Patches.Outcome create(KubeRequest request, ObjectNode object) {
        ObjectNode metadata = object.with("metadata");
        String name = metadata.path("name").asText("");
        if (!name.isEmpty() && store.get(request.path() + "/" + name).isPresent()) {
            return new Patches.Outcome(
                    409,
                    StatusResponses.failure(
                            409, "AlreadyExists", request.resource() + " \"" + name + "\" already exists"));
        }
        if (request.namespace() != null) {
            metadata.put("namespace", request.namespace());
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put(
                "creationTimestamp",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        if (request.resource().equals("pods")) {
            object = admission.admit(request.namespace(), object).pod();
        }
        return new Patches.Outcome(201, object);
    }

    private static Patches.Outcome notFound(KubeRequest request) {
        return new Patches.Outcome(404, StatusResponses.notFound(request.resource(), request.group(), request.name()));
    }

    static ObjectNode parse(String body) {
        try {
            return (ObjectNode) CrudStore.JSON.readTree(body);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("the request body is not a JSON object", e);
        }
    }
}
