package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field ownership as the API server's structured-merge-diff keeps it in {@code managedFields}.
 *
 * <p>An apply makes its manager own exactly the fields of its configuration: fields it owned before and no longer
 * names are removed unless another manager owns them too, and changing a field another manager owns is a conflict
 * unless forced, which moves the field to the applier. Any other write (create, update, patch) gives its manager the
 * fields it added or changed and takes them from everyone else, never conflicting.
 */
final class FieldOwnership {
    /** Owns every field of an object that had no {@code managedFields} when it was first applied. */
    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private FieldOwnership() {}

    /** A field another manager owns, with that manager as the conflict message names it. */
    record Conflict(String manager, FieldPath path) {}

    /** The object to store, or the conflicts that refused it. */
    record Outcome(ObjectNode object, List<Conflict> conflicts) {
        Outcome {
            conflicts = List.copyOf(conflicts);
        }

        static Outcome written(ObjectNode object) {
            return new Outcome(object, List.of());
        }

        static Outcome conflicted(List<Conflict> conflicts) {
            return new Outcome(null, conflicts);
        }

        boolean isConflict() {
            return !conflicts.isEmpty();
        }
    }

    private record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        static Comparison of(JsonNode before, JsonNode after) {
            Map<FieldPath, JsonNode> old = FieldSet.nodes(before);
            Map<FieldPath, JsonNode> now = FieldSet.nodes(after);
            Set<FieldPath> added = new HashSet<>(now.keySet());
            added.removeAll(old.keySet());
            Set<FieldPath> removed = new HashSet<>(old.keySet());
            removed.removeAll(now.keySet());
            Set<FieldPath> modified = new HashSet<>();
            now.forEach((path, value) -> {
                if (old.containsKey(path) && !old.get(path).equals(value)) {
                    modified.add(path);
                }
            });
            return new Comparison(FieldSet.of(added), FieldSet.of(modified), FieldSet.of(removed));
        }

        FieldSet changed() {
            return added.union(modified);
        }
    }

    /**
     * Server-side apply of {@code config} by {@code manager} to {@code live} (null when the object does not exist yet):
     * the merged object with its new {@code managedFields}, or the conflicts.
     */
    static Outcome apply(ObjectNode live, ObjectNode config, String manager, boolean force, Instant now) {
        ObjectNode before = live == null ? CrudStore.JSON.createObjectNode() : live;
        ObjectNode applied = config.deepCopy();
        applied.withObjectProperty("metadata").remove("managedFields");
        ManagedFields managers = live == null ? new ManagedFields(List.of()) : ManagedFields.of(live);
        if (live != null && managers.entries().isEmpty()) {
            managers = managers.with(new ManagedFields.Entry(
                    BEFORE_FIRST_APPLY,
                    ManagedFields.UPDATE,
                    live.path("apiVersion").asText(""),
                    time(now),
                    FieldSet.of(FieldSet.nodes(live).keySet())));
        }
        ObjectNode merged = StrategicMerge.apply(before.deepCopy(), applied, true);
        FieldSet previously = managers.find(manager, ManagedFields.APPLY)
                .map(ManagedFields.Entry::fields)
                .orElse(FieldSet.EMPTY);
        ManagedFields.Entry mine = new ManagedFields.Entry(
                manager,
                ManagedFields.APPLY,
                merged.path("apiVersion").asText(""),
                time(now),
                FieldSet.applied(applied));
        managers = managers.with(mine);
        FieldSet owned = managers.owned();
        for (FieldPath dropped : previously.difference(mine.fields()).paths()) {
            if (!owned.ownsWithin(dropped)) {
                remove(merged, dropped);
            }
        }
        Comparison changes = Comparison.of(before, merged);
        List<Conflict> conflicts = new ArrayList<>();
        for (ManagedFields.Entry other : managers.entries()) {
            if (!other.is(manager, ManagedFields.APPLY)) {
                other.fields().intersection(changes.changed()).paths().stream()
                        .map(path -> new Conflict(other.describe(), path))
                        .forEach(conflicts::add);
            }
        }
        if (!conflicts.isEmpty() && !force) {
            conflicts.sort(Comparator.comparing(Conflict::manager).thenComparing(Conflict::path));
            return Outcome.conflicted(conflicts);
        }
        managers.mapOthers(mine, fields -> fields.difference(changes.changed()).difference(changes.removed()))
                .writeTo(merged);
        return Outcome.written(merged);
    }

    /**
     * A write other than apply: {@code updated} replaces {@code live} (null for a create), and {@code manager} takes
     * what changed. Returns {@code updated} with its new {@code managedFields}.
     */
    static ObjectNode update(ObjectNode live, ObjectNode updated, String manager, Instant now) {
        ObjectNode before = live == null ? CrudStore.JSON.createObjectNode() : live;
        ManagedFields managers = live == null ? new ManagedFields(List.of()) : ManagedFields.of(live);
        Comparison changes = Comparison.of(before, updated);
        FieldSet fields = managers.find(manager, ManagedFields.UPDATE)
                .map(ManagedFields.Entry::fields)
                .orElse(FieldSet.EMPTY)
                .difference(changes.removed())
                .union(changes.changed());
        ManagedFields.Entry mine = new ManagedFields.Entry(
                manager, ManagedFields.UPDATE, updated.path("apiVersion").asText(""), time(now), fields);
        ObjectNode result = updated.deepCopy();
        managers.with(mine)
                .mapOthers(mine, owned -> owned.difference(changes.changed()).difference(changes.removed()))
                .writeTo(result);
        return result;
    }

    /** Removes the node at {@code path}, and the maps and lists that it leaves empty (but not metadata). */
    static void remove(ObjectNode object, FieldPath path) {
        List<String> elements = path.elements();
        List<JsonNode> trail = new ArrayList<>();
        JsonNode node = object;
        trail.add(node);
        for (String element : elements) {
            node = step(node, element);
            if (node == null) {
                return;
            }
            trail.add(node);
        }
        for (int i = elements.size() - 1; i >= 0; i--) {
            removeChild(trail.get(i), elements.get(i));
            JsonNode parent = trail.get(i);
            boolean keep =
                    !parent.isEmpty() || i == 0 || (i == 1 && elements.get(0).equals("f:metadata"));
            if (keep) {
                return;
            }
        }
    }

    private static JsonNode step(JsonNode node, String element) {
        if (element.startsWith("f:")) {
            return node instanceof ObjectNode object ? object.get(element.substring(2)) : null;
        }
        int index = indexOf(node, element);
        return index < 0 ? null : node.get(index);
    }

    private static void removeChild(JsonNode parent, String element) {
        if (element.startsWith("f:") && parent instanceof ObjectNode object) {
            object.remove(element.substring(2));
        } else if (parent instanceof ArrayNode list) {
            int index = indexOf(list, element);
            if (index >= 0) {
                list.remove(index);
            }
        }
    }

    private static int indexOf(JsonNode list, String keyElement) {
        if (!(list instanceof ArrayNode array)) {
            return -1;
        }
        ObjectNode key = FieldPath.key(keyElement);
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            boolean matches = true;
            for (Map.Entry<String, JsonNode> field : key.properties()) {
                matches &= field.getValue().equals(item.get(field.getKey()));
            }
            if (matches) {
                return i;
            }
        }
        return -1;
    }

    private static String time(Instant now) {
        return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    }
}
