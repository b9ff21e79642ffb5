package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A set of field paths, as one manager owns them and as {@code managedFields[].fieldsV1} stores them.
 *
 * <p>Objects are walked without a schema: maps and structs are granular (each key is a field), the lists
 * {@link StrategicMerge} knows a merge key for are keyed by it, every other list is atomic, and so is a label selector.
 * The fields the API server never tracks (name, uid, resourceVersion, status, ...) are left out.
 */
record FieldSet(SortedSet<FieldPath> paths) {
    static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

    private static final Set<String> UNTRACKED_TOP = Set.of("apiVersion", "kind", "status");
    private static final Set<String> UNTRACKED_METADATA = Set.of(
            "name",
            "namespace",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "managedFields",
            "selfLink");
    private static final Set<String> ATOMIC = Set.of("selector");
    // Structs every object of its kind has; an Update owns the maps and optional structs below them, not them.
    private static final Set<String> STRUCTURAL = Set.of("metadata", "spec", "template", "strategy");
    private static final JsonNode INNER = MissingNode.getInstance();

    FieldSet {
        paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }

    static FieldSet of(Set<FieldPath> paths) {
        return new FieldSet(new TreeSet<>(paths));
    }

    /** What an applied configuration sets: its leaves and list items (the fields its manager will own). */
    static FieldSet applied(JsonNode object) {
        Map<FieldPath, JsonNode> nodes = nodes(object);
        Set<FieldPath> owned = new HashSet<>();
        nodes.forEach((path, value) -> {
            if (!value.isMissingNode() || isItem(path)) {
                owned.add(path);
            }
        });
        return of(owned);
    }

    /**
     * Every tracked node of {@code object} with its value; maps, optional structs and list items (owned "." in
     * FieldsV1) map to a missing node.
     */
    static Map<FieldPath, JsonNode> nodes(JsonNode object) {
        Map<FieldPath, JsonNode> nodes = new LinkedHashMap<>();
        if (object instanceof ObjectNode root) {
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                if (field.getKey().equals("metadata") && field.getValue() instanceof ObjectNode metadata) {
                    for (Map.Entry<String, JsonNode> m : metadata.properties()) {
                        if (!UNTRACKED_METADATA.contains(m.getKey())) {
                            walk(FieldPath.of("metadata"), m.getKey(), m.getValue(), nodes);
                        }
                    }
                } else if (!UNTRACKED_TOP.contains(field.getKey())) {
                    walk(new FieldPath(List.of()), field.getKey(), field.getValue(), nodes);
                }
            }
        }
        return nodes;
    }

    private static void walk(FieldPath parent, String name, JsonNode value, Map<FieldPath, JsonNode> nodes) {
        FieldPath path = parent.field(name);
        if (value instanceof ObjectNode object && !object.isEmpty() && !ATOMIC.contains(name)) {
            if (!STRUCTURAL.contains(name)) {
                nodes.put(path, INNER);
            }
            object.properties().forEach(f -> walk(path, f.getKey(), f.getValue(), nodes));
            return;
        }
        Optional<String> mergeKey = StrategicMerge.mergeKey(name);
        if (value instanceof ArrayNode list && mergeKey.isPresent() && keyed(list, mergeKey.get())) {
            nodes.put(path, INNER);
            for (JsonNode element : list) {
                FieldPath item = path.item(mergeKey.get(), element.get(mergeKey.get()));
                nodes.put(item, INNER);
                element.properties().forEach(f -> walk(item, f.getKey(), f.getValue(), nodes));
            }
            return;
        }
        nodes.put(path, value);
    }

    private static boolean keyed(ArrayNode list, String mergeKey) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.hasNonNull(mergeKey)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isItem(FieldPath path) {
        return path.elements().get(path.elements().size() - 1).startsWith("k:");
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    boolean contains(FieldPath path) {
        return paths.contains(path);
    }

    /** Whether this set owns {@code path} or anything below it. */
    boolean ownsWithin(FieldPath path) {
        return paths.stream().anyMatch(path::covers);
    }

    FieldSet union(FieldSet other) {
        Set<FieldPath> all = new HashSet<>(paths);
        all.addAll(other.paths);
        return of(all);
    }

    FieldSet difference(FieldSet other) {
        return filter(p -> !other.contains(p));
    }

    FieldSet intersection(FieldSet other) {
        return filter(other::contains);
    }

    private FieldSet filter(Predicate<FieldPath> keep) {
        Set<FieldPath> kept = new HashSet<>();
        paths.stream().filter(keep).forEach(kept::add);
        return of(kept);
    }

    /** FieldsV1: one object per path element, {@code ".": {}} where a path is owned and has owned paths below. */
    ObjectNode toFieldsV1() {
        ObjectNode root = CrudStore.JSON.createObjectNode();
        Set<FieldPath> parents = new HashSet<>();
        for (FieldPath path : paths) {
            for (int i = 1; i < path.elements().size(); i++) {
                parents.add(new FieldPath(path.elements().subList(0, i)));
            }
        }
        for (FieldPath path : paths) {
            ObjectNode node = root;
            for (String element : path.elements()) {
                node = node.withObjectProperty(element);
            }
            if (parents.contains(path)) {
                node.putObject(".");
            }
        }
        return root;
    }

    static FieldSet fromFieldsV1(JsonNode fields) {
        Set<FieldPath> paths = new HashSet<>();
        read(new FieldPath(List.of()), fields, paths);
        return of(paths);
    }

    private static void read(FieldPath path, JsonNode node, Set<FieldPath> paths) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals(".")) {
                paths.add(path);
            } else if (field.getKey().startsWith("f:") || field.getKey().startsWith("k:")) {
                FieldPath child = path.child(field.getKey());
                if (field.getValue().isEmpty()) {
                    paths.add(child);
                } else {
                    read(child, field.getValue(), paths);
                }
            }
        }
    }
}
