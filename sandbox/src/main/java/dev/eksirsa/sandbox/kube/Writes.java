package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * Create (POST) and update (PUT) of an object, with the fields they set recorded in {@code managedFields} as an Update
 * of their manager; pods pass IRSA admission on create. Dry runs are answered by {@link DryRun}.
 */
final class Writes {
    private final CrudStore store;
    private final PodAdmission admission;
    private final DryRun dryRun;
    private final Clock clock;

    Writes(CrudStore store, PodAdmission admission, DryRun dryRun, Clock clock) {
        this.store = store;
        this.admission = admission;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    static boolean handles(KubeRequest request) {
        return request.subresource() == null
                && (request.verb().equals("create") || (request.verb().equals("update") && request.name() != null));
    }

    /** Empty for an update of an object that does not exist, which is answered as before. */
    Optional<Patches.Outcome> handle(KubeRequest request, RecordedRequest recorded) {
        ObjectNode body = DryRun.parse(recorded.getUtf8Body());
        String manager = Patches.updateManager(request, recorded);
        if (request.verb().equals("create")) {
            ObjectNode owned = FieldOwnership.update(null, body, manager, clock.instant());
            if (request.dryRun()) {
                return dryRun.answer(request, owned.toString());
            }
            if (request.resource().equals("pods")) {
                owned = admission.admit(request.namespace(), owned).pod();
            }
            CrudStore.Result created = store.create(request.path(), owned);
            return Optional.of(new Patches.Outcome(created.code(), created.json()));
        }
        Optional<ObjectNode> live = store.get(request.path());
        if (live.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode owned = FieldOwnership.update(live.get(), body, manager, clock.instant());
        if (request.dryRun()) {
            return Optional.of(new Patches.Outcome(200, owned));
        }
        CrudStore.Result updated = store.update(request.path(), owned);
        return Optional.of(new Patches.Outcome(updated.code(), updated.json()));
    }
}
