package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgumentSet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a step's or builder's fields hold, already in the engine's argument shape (maps as maps), so that a
 * run hands them to the engine's one parser unchanged. Blank text and empty collections count as not given;
 * getters answer the declared default for what was not given.
 */
final class ArgumentValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    void set(String name, Object value) {
        Object normalized = normalize(value);
        if (normalized == null) {
            values.remove(name);
        } else {
            values.put(name, normalized);
        }
    }

    String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    boolean bool(String name, ArgumentSet declarations) {
        Object value = values.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        return Boolean.TRUE.equals(declared(name, declarations).defaultValue());
    }

    Boolean optionalBool(String name) {
        return values.get(name) instanceof Boolean b ? b : null;
    }

    /**
     * Only what was given: a form would otherwise save the declared default back as a value (and node-group sizes
     * without a node group name are refused). The defaults are in the help.
     */
    Integer integer(String name) {
        return values.get(name) instanceof Integer i ? i : null;
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
        Object value = values.get(name);
        return value instanceof List<?> list ? List.copyOf((List<String>) list) : List.of();
    }

    @SuppressWarnings("unchecked")
    Map<String, String> map(String name) {
        Object value = values.get(name);
        return value instanceof Map<?, ?> map ? Map.copyOf((Map<String, String>) map) : Map.of();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object value = values.get(name);
        return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(String name) {
        Object value = values.get(name);
        return value instanceof List<?> list ? List.copyOf((List<Map<String, Object>>) list) : List.of();
    }

    /** A copy in the engine's argument shape: plain serializable values only. */
    Map<String, Object> toArguments() {
        return new LinkedHashMap<>(values);
    }

    private static Arg declared(String name, ArgumentSet declarations) {
        return declarations.get(name);
    }

    private static Object normalize(Object value) {
        if (value instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            return trimmed.isEmpty() ? null : trimmed;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> items = new ArrayList<>();
            for (Object item : collection) {
                Object normalized = normalize(item);
                if (normalized != null) {
                    items.add(normalized);
                }
            }
            return items.isEmpty() ? null : items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            // values stay as given: an empty tag value is a value
            map.forEach((k, v) -> {
                if (v != null) {
                    entries.put(k.toString(), v instanceof CharSequence text ? text.toString() : normalize(v));
                }
            });
            return entries.isEmpty() ? null : entries;
        }
        return value;
    }
}
