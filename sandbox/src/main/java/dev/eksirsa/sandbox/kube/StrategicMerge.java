package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Strategic merge patch for the built-in kinds the sandbox serves: objects merge recursively, {@code null} deletes,
 * the lists Kubernetes declares with a merge key merge element by element, other lists are replaced. Directives other
 * than {@code $patch: delete|replace} on list elements and maps (ordering, retain keys) are ignored.
 */
final class StrategicMerge {
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"),
            Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"),
            Map.entry("env", "name"),
            Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"),
            Map.entry("ports", "containerPort"),
            Map.entry("imagePullSecrets", "name"),
            Map.entry("secrets", "name"),
            Map.entry("tolerations", "key"),
            Map.entry("hostAliases", "ip"),
            Map.entry("ownerReferences", "uid"),
            Map.entry("conditions", "type"));

    private StrategicMerge() {}

    /** The merge key of the list field {@code name}, when Kubernetes declares one. */
    static Optional<String> mergeKey(String name) {
        return Optional.ofNullable(MERGE_KEYS.get(name));
    }

    /** Applies {@code patch} to {@code target} in place and returns it. */
    static ObjectNode apply(ObjectNode target, JsonNode patch) {
        return apply(target, patch, true);
    }

    /** As {@link #apply(ObjectNode, JsonNode)}; without merge keys every list is replaced, i.e. JSON merge patch. */
    static ObjectNode apply(ObjectNode target, JsonNode patch, boolean mergeKeys) {
        if (!(patch instanceof ObjectNode patchObject)) {
            throw new IllegalArgumentException("a strategic merge patch must be a JSON object");
        }
        if ("replace".equals(patchObject.path("$patch").asText())) {
            target.removeAll();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patchObject.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                continue;
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode currentObject) {
                apply(currentObject, value, mergeKeys);
            } else if (value.isObject()) {
                ObjectNode fresh = target.putObject(key);
                apply(fresh, value, mergeKeys);
            } else if (mergeKeys
                    && value.isArray()
                    && current instanceof ArrayNode currentArray
                    && MERGE_KEYS.containsKey(key)) {
                mergeList(currentArray, (ArrayNode) value, MERGE_KEYS.get(key));
            } else {
                target.set(key, stripDirectives(value.deepCopy()));
            }
        }
        return target;
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String mergeKey) {
        for (JsonNode element : patch) {
            if (!element.isObject() || !element.has(mergeKey)) {
                current.add(element.deepCopy());
                continue;
            }
            JsonNode key = element.get(mergeKey);
            int index = indexOf(current, mergeKey, key);
            if ("delete".equals(element.path("$patch").asText())) {
                if (index >= 0) {
                    current.remove(index);
                }
            } else if (index >= 0 && current.get(index) instanceof ObjectNode existing) {
                apply(existing, element);
            } else {
                current.add(stripDirectives(element.deepCopy()));
            }
        }
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
        for (int i = 0; i < list.size(); i++) {
            if (key.asText().equals(list.get(i).path(mergeKey).asText())) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode stripDirectives(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(object.properties().stream()
                    .map(Map.Entry::getKey)
                    .filter(k -> k.startsWith("$"))
                    .toList());
            object.forEach(StrategicMerge::stripDirectives);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StrategicMerge::stripDirectives);
        }
        return node;
    }
}
