package dev.eksirsa.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code --spec FILE} (YAML, or JSON which is YAML) with the Jenkins step's argument names. Unknown keys are
 * errors, so a typo does not silently fall back to a default.
 */
final class SpecFile {
    private final Map<String, Object> values;

    private SpecFile(Map<String, Object> values) {
        this.values = values;
    }

    static SpecFile read(Path file, Set<String> knownKeys) {
        Map<String, Object> values;
        try {
            values = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new InvalidInputException("spec", "cannot read " + file + " as YAML or JSON: " + e.getMessage());
        }
        values = values == null ? Map.of() : values;
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new InvalidInputException("spec", "unknown key " + key + " (known: " + knownKeys + ")");
            }
        }
        return new SpecFile(values);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    String string(String key) {
        Object v = values.get(key);
        if (v instanceof Map || v instanceof List) {
            throw new InvalidInputException(key, "must be a single value");
        }
        return String.valueOf(v);
    }

    boolean bool(String key) {
        String v = string(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new InvalidInputException(key, "must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "must be a whole number");
        }
    }

    List<String> strings(String key) {
        Object v = values.get(key);
        if (!(v instanceof List<?> list)) {
            throw new InvalidInputException(key, "must be a list");
        }
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(String.valueOf(item)));
        return out;
    }

    Map<String, String> map(String key) {
        Object v = values.get(key);
        if (!(v instanceof Map<?, ?> map)) {
            throw new InvalidInputException(key, "must be a map");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        return out;
    }
}
