package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One path in an object, in FieldsV1 elements: {@code f:<name>} for a field and {@code k:<json>} for a list item
 * identified by its merge key.
 */
record FieldPath(List<String> elements) implements Comparable<FieldPath> {
    private static final Comparator<List<String>> ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    FieldPath {
        elements = List.copyOf(elements);
        for (String element : elements) {
            if (!element.startsWith("f:") && !element.startsWith("k:")) {
                throw new IllegalArgumentException("not a FieldsV1 path element: " + element);
            }
        }
    }

    static FieldPath of(String... fields) {
        return new FieldPath(List.of(fields).stream().map(f -> "f:" + f).toList());
    }

    FieldPath field(String name) {
        return child("f:" + name);
    }

    FieldPath item(String mergeKey, JsonNode value) {
        ObjectNode key = CrudStore.JSON.createObjectNode().set(mergeKey, value);
        return child("k:" + key);
    }

    FieldPath child(String element) {
        List<String> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    /** This path or one below it. */
    boolean covers(FieldPath other) {
        return other.elements.size() >= elements.size()
                && other.elements.subList(0, elements.size()).equals(elements);
    }

    @Override
    public int compareTo(FieldPath other) {
        return ORDER.compare(elements, other.elements);
    }

    /** The merge key fields of a {@code k:} element. */
    static ObjectNode key(String element) {
        try {
            return (ObjectNode) CrudStore.JSON.readTree(element.substring(2));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a FieldsV1 key: " + element, e);
        }
    }

    /** As the API server prints it in conflicts: {@code .spec.template.spec.containers[name="app"].image}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String element : elements) {
            if (element.startsWith("f:")) {
                out.append('.').append(element.substring(2));
            } else {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, JsonNode> field : key(element).properties()) {
                    parts.add(field.getKey() + "=" + field.getValue());
                }
                out.append('[').append(String.join(",", parts)).append(']');
            }
        }
        return out.toString();
    }
}
