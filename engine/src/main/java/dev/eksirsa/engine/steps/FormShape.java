package dev.eksirsa.engine.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two shapes a step's arguments take in Jenkins. Pipeline scripts and the engine write maps as maps
 * ({@code tags: [team: 'a']}, {@code inlinePolicies: [read: '{...}']}); Jenkins forms and describables cannot hold a
 * map, so there they are lists of entries ({@code [[key: 'team', value: 'a']]}, {@code [[name: 'read', document:
 * '{...}']]}). Both directions follow the declarations, nested objects included, and accept either shape.
 */
public final class FormShape {
    /** Keys of one {@link ArgType#MAP} entry in the form shape. */
    public static final String KEY = "key";

    public static final String VALUE = "value";
    /** Keys of one {@link ArgType#DOCUMENTS} entry in the form shape. */
    public static final String NAME = "name";

    public static final String DOCUMENT = "document";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormShape() {}

    /** The engine's shape: entry lists become maps; anything undeclared passes through for the parser to refuse. */
    public static Map<String, Object> toArguments(Map<String, ?> given, ArgumentSet declarations) {
        return convert(given, declarations, "", true);
    }

    /** The describables' shape: maps become entry lists; documents written as nested maps become JSON text. */
    public static Map<String, Object> toForm(Map<String, ?> given, ArgumentSet declarations) {
        return convert(given, declarations, "", false);
    }

    /**
     * A submitted Jenkins form as the describables' setters take it: a list written one item per line becomes a
     * list; an empty number, or an empty choice for a yes/no argument without a default, is left out (not given)
     * rather than bound as a value. Changes the map it is given (the form data) and returns it.
     */
    public static <M extends Map<String, Object>> M normalizeForm(M form, ArgumentSet declarations) {
        for (Arg arg : declarations.args()) {
            Object value = form.get(arg.name());
            if (!(value instanceof String text)) {
                continue;
            }
            switch (arg.type()) {
                case LIST -> form.put(arg.name(), FormChecks.typed(arg, text));
                case INTEGER, DURATION -> {
                    if (text.isBlank()) {
                        form.remove(arg.name());
                    }
                }
                case BOOLEAN -> {
                    if (text.isBlank()) {
                        form.remove(arg.name());
                    } else {
                        form.put(arg.name(), Boolean.valueOf(text.trim()));
                    }
                }
                default -> {}
            }
        }
        return form;
    }

    private static Map<String, Object> convert(
            Map<String, ?> given, ArgumentSet declarations, String prefix, boolean toArguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Arg> byName = declarations.byName();
        for (Map.Entry<String, ?> e : given.entrySet()) {
            Arg arg = byName.get(e.getKey());
            Object value = e.getValue();
            String path = prefix + e.getKey();
            out.put(e.getKey(), arg == null || value == null ? value : convert(arg, value, path, toArguments));
        }
        return out;
    }

    private static Object convert(Arg arg, Object value, String path, boolean toArguments) {
        return switch (arg.type()) {
            case MAP -> toArguments ? entriesToMap(value, KEY, VALUE, path) : mapToEntries(value, KEY, VALUE, path);
            case DOCUMENTS -> toArguments
                    ? entriesToMap(value, NAME, DOCUMENT, path)
                    : mapToEntries(value, NAME, DOCUMENT, path);
            case OBJECT -> value instanceof Map<?, ?> m
                    ? convert(keyed(m), arg.nested(), path + ".", toArguments)
                    : value;
            case OBJECT_LIST -> {
                if (!(value instanceof List<?> list)) {
                    yield value;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    items.add(
                            item instanceof Map<?, ?> m
                                    ? convert(keyed(m), arg.nested(), path + "[" + i + "].", toArguments)
                                    : item);
                }
                yield items;
            }
            default -> value;
        };
    }

    /** [[key: k, value: v], …] → {k: v, …}; a map stays a map. */
    private static Object entriesToMap(Object value, String keyName, String valueName, String path) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new InvalidInputException(
                        path + "[" + i + "]", "must be a map with " + keyName + " and " + valueName);
            }
            Object key = entry.get(keyName);
            if (key == null || key.toString().isBlank()) {
                throw new InvalidInputException(path + "[" + i + "]." + keyName, "is required");
            }
            for (Object k : entry.keySet()) {
                if (!keyName.equals(k) && !valueName.equals(k)) {
                    throw new InvalidInputException(
                            path + "[" + i + "]." + k,
                            "is not a known argument (known: " + keyName + ", " + valueName + ")");
                }
            }
            if (out.put(key.toString(), entry.get(valueName)) != null) {
                throw new InvalidInputException(path + "[" + i + "]." + keyName, "repeats " + key);
            }
        }
        return out;
    }

    /** {k: v, …} → [[key: k, value: v], …]; a nested map as a value becomes JSON text. */
    private static Object mapToEntries(Object value, String keyName, String valueName, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(keyName, String.valueOf(e.getKey()));
            entry.put(
                    valueName,
                    e.getValue() instanceof Map<?, ?> nested ? json(nested, path + "." + e.getKey()) : e.getValue());
            out.add(entry);
        }
        return out;
    }

    private static String json(Map<?, ?> document, String path) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(path, "cannot be written as JSON");
        }
    }

    private static Map<String, Object> keyed(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
