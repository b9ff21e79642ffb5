package dev.eksirsa.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Step arguments after strict parsing against their {@link ArgumentSet}: every key declared, every value of its
 * declared type, the rules between keys kept. Errors name the full key path ({@code targetRoles[1].connection.roleArn})
 * and the rule, and never quote a value. A key whose value is null counts as absent (an unset Jenkins field).
 */
public final class Arguments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArgumentSet declared;
    private final String prefix;
    private final Map<String, Object> values;

    private Arguments(ArgumentSet declared, String prefix, Map<String, Object> values) {
        this.declared = declared;
        this.prefix = prefix;
        this.values = values;
    }

    static Arguments parse(ArgumentSet declared, Map<String, ?> raw, String prefix) {
        Map<String, Arg> byName = declared.byName();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : (raw == null ? Map.<String, Object>of() : raw).entrySet()) {
            Arg arg = byName.get(e.getKey());
            if (arg == null) {
                throw new InvalidInputException(
                        prefix + e.getKey(),
                        "is not a known argument (known: " + String.join(", ", byName.keySet()) + ")");
            }
            if (e.getValue() != null) {
                values.put(arg.name(), convert(arg, e.getValue(), prefix + arg.name()));
            }
        }
        for (Arg arg : declared.args()) {
            if (arg.required() && !values.containsKey(arg.name())) {
                throw new InvalidInputException(prefix + arg.name(), "is required");
            }
        }
        for (Set<String> group : declared.exclusive()) {
            List<String> given = givenOf(declared, group, values);
            if (given.size() > 1) {
                throw new InvalidInputException(
                        prefix + given.get(1),
                        "conflicts with " + given.get(0) + "; give at most one of " + sorted(group));
            }
        }
        for (Set<String> group : declared.oneOf()) {
            List<String> given = givenOf(declared, group, values);
            if (given.size() != 1) {
                String field = prefix.isEmpty()
                        ? given.isEmpty() ? sorted(group).get(0) : given.get(1)
                        : prefix.substring(0, prefix.length() - 1);
                throw new InvalidInputException(
                        field, "needs exactly one of " + sorted(group) + (given.isEmpty() ? "" : ", not " + given));
            }
        }
        for (Set<String> group : declared.together()) {
            List<String> given = givenOf(declared, group, values);
            if (!given.isEmpty() && given.size() != group.size()) {
                String missing = declared.args().stream()
                        .map(Arg::name)
                        .filter(group::contains)
                        .filter(n -> !values.containsKey(n))
                        .findFirst()
                        .orElseThrow();
                throw new InvalidInputException(prefix + missing, "is required together with " + given);
            }
        }
        return new Arguments(declared, prefix, values);
    }

    private static List<String> givenOf(ArgumentSet declared, Set<String> group, Map<String, Object> values) {
        return declared.args().stream()
                .map(Arg::name)
                .filter(group::contains)
                .filter(values::containsKey)
                .toList();
    }

    private static List<String> sorted(Set<String> names) {
        return new ArrayList<>(new TreeSet<>(names));
    }

    private static Object convert(Arg arg, Object value, String path) {
        return switch (arg.type()) {
            case STRING -> text(value, path);
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw new InvalidInputException(path, "must be true or false" + found(value));
                }
                yield b;
            }
            case INTEGER -> integer(value, path);
            case DURATION -> value instanceof Duration d ? d : Durations.parse(path, text(value, path));
            case LIST -> {
                if (!(value instanceof List<?> list)) {
                    throw new InvalidInputException(path, "must be a list of strings" + found(value));
                }
                List<String> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) == null) {
                        throw new InvalidInputException(path + "[" + i + "]", "must not be empty");
                    }
                    out.add(text(list.get(i), path + "[" + i + "]"));
                }
                yield List.copyOf(out);
            }
            case MAP -> {
                Map<String, String> out = new LinkedHashMap<>();
                mapOf(value, path).forEach((k, v) -> out.put(k, v == null ? "" : text(v, path + "." + k)));
                yield Collections.unmodifiableMap(out);
            }
            case DOCUMENTS -> {
                Map<String, String> out = new LinkedHashMap<>();
                mapOf(value, path).forEach((k, v) -> out.put(k, document(v, path + "." + k)));
                yield Collections.unmodifiableMap(out);
            }
            case OBJECT -> parse(arg.nested(), mapOf(value, path), path + ".");
            case OBJECT_LIST -> {
                if (!(value instanceof List<?> list)) {
                    throw new InvalidInputException(path, "must be a list of maps" + found(value));
                }
                List<Arguments> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(parse(arg.nested(), mapOf(list.get(i), path + "[" + i + "]"), path + "[" + i + "]."));
                }
                yield List.copyOf(out);
            }
        };
    }

    private static String text(Object value, String path) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof CharSequence interpolated) {
            // a Pipeline's "${name}-x" is a GString: text all the same
            return interpolated.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            // YAML reads 1.30 as the number 1.3: refuse instead of guessing what was meant
            throw new InvalidInputException(path, "must be a string" + found(value) + "; quote it");
        }
        throw new InvalidInputException(path, "must be a string" + found(value));
    }

    private static Integer integer(Object value, String path) {
        if (value instanceof Integer i) {
            return i;
        }
        if ((value instanceof Long || value instanceof Short || value instanceof BigInteger)
                && ((Number) value).longValue() == ((Number) value).doubleValue()
                && Math.abs(((Number) value).longValue()) <= Integer.MAX_VALUE) {
            return ((Number) value).intValue();
        }
        throw new InvalidInputException(path, "must be a whole number" + found(value));
    }

    private static String document(Object value, String path) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof Map<?, ?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(path, "is not a JSON document");
            }
        }
        throw new InvalidInputException(path, "must be a JSON document (a string or a map)" + found(value));
    }

    private static Map<String, Object> mapOf(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(path, "must be a map" + found(value));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidInputException(path, "keys must be strings");
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    /** The type that was given, never the value (it may be a secret or a file's content). */
    private static String found(Object value) {
        String kind = value instanceof Map
                ? "a map"
                : value instanceof List
                        ? "a list"
                        : value instanceof Boolean
                                ? "a boolean"
                                : value instanceof Number
                                        ? "a number"
                                        : value instanceof String
                                                ? "a string"
                                                : "a " + value.getClass().getSimpleName();
        return ", not " + kind;
    }

    /** The full key path of an argument of this map, for error messages. */
    public String path(String name) {
        declared.get(name);
        return prefix + name;
    }

    /** The path of this nested map itself ({@code targetRoles[1]}); empty at the top. */
    public String path() {
        return prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
    }

    /** Whether this map declares {@code name} at all (a connection reads only the keys its level has). */
    public boolean declares(String name) {
        return declared.find(name).isPresent();
    }

    public boolean has(String name) {
        declared.get(name);
        return values.containsKey(name);
    }

    public Set<String> given() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public String string(String name) {
        return (String) valueOf(name, ArgType.STRING);
    }

    public boolean bool(String name) {
        Object v = valueOf(name, ArgType.BOOLEAN);
        return v != null && (Boolean) v;
    }

    public Integer integer(String name) {
        return (Integer) valueOf(name, ArgType.INTEGER);
    }

    public Duration duration(String name) {
        return (Duration) valueOf(name, ArgType.DURATION);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object v = valueOf(name, ArgType.LIST);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(String name) {
        Object v = valueOf(name, ArgType.MAP);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> documents(String name) {
        Object v = valueOf(name, ArgType.DOCUMENTS);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    /** The nested map, or null when not given. */
    public Arguments object(String name) {
        return (Arguments) valueOf(name, ArgType.OBJECT);
    }

    @SuppressWarnings("unchecked")
    public List<Arguments> objects(String name) {
        Object v = valueOf(name, ArgType.OBJECT_LIST);
        return v == null ? List.of() : (List<Arguments>) v;
    }

    private Object valueOf(String name, ArgType expected) {
        Arg arg = declared.get(name);
        if (arg.type() != expected) {
            throw new IllegalArgumentException(name + " is declared as " + arg.type() + ", read as " + expected);
        }
        return values.containsKey(name) ? values.get(name) : arg.defaultValue();
    }

    /**
     * Runs {@code build} and moves a rule it breaks to this map's key path: {@code roleName} from a nested
     * record becomes {@code targetRoles[1].roleName}. A field already carrying {@code strip} loses it first.
     */
    public <T> T within(String strip, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            String field = e.field().startsWith(strip) ? e.field().substring(strip.length()) : e.field();
            if (prefix.isEmpty() || field.startsWith(prefix)) {
                // already a full path: a nested map's own within() put it there
                throw e;
            }
            throw new InvalidInputException(prefix + field, e.rule());
        }
    }

    @Override
    public String toString() {
        // keys only: values may hold secrets
        return "Arguments" + values.keySet().stream().map(k -> prefix + k).collect(Collectors.toList());
    }
}
