package dev.eksirsa.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.YamlRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code --spec FILE} (YAML, or JSON) into an argument map, strictly: one document, no duplicate key, no
 * trailing content. JSON (a file starting with {@code {}) is read by a JSON parser, so JSON's own rules hold (no
 * trailing comma). Errors name the line and the kind of problem, never the file's content: a spec may sit next to
 * secrets, or be a secret file given by mistake.
 */
final class SpecFile {
    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));

    private SpecFile() {}

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }

    static Map<String, Object> read(Path file) {
        return read(file, "spec");
    }

    /** @param field the argument the file belongs to, named in errors */
    static Map<String, Object> read(Path file, String field) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(field, file + " is a directory, not a YAML or JSON file");
            }
            text = Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(field, file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(
                    field, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        boolean json = text.stripLeading().startsWith("{");
        try {
            Object value = (json ? JSON : YAML).readValue(text, new TypeReference<Object>() {});
            if (!json) {
                YamlRules.refuseAliasesAndTags(field, text);
            }
            if (value == null) {
                return new LinkedHashMap<>();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new InvalidInputException(field, file + " must hold one map of argument names to values");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    field, file + " is not valid " + (json ? "JSON" : "YAML") + where(e) + ": " + kind(e));
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The kind of problem in our words: the parser's own message may quote the offending text. */
    private static String kind(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field") || message.contains("Duplicate key")) {
            return "a key appears twice";
        }
        if (e instanceof MismatchedInputException && message.contains("Trailing token")) {
            return "content after the first document (one document, nothing after it)";
        }
        if (e instanceof MismatchedInputException) {
            return "unexpected structure";
        }
        return "malformed "
                + (e.getProcessor() instanceof JsonParser p
                                && p.getClass().getSimpleName().startsWith("YAML")
                        ? "YAML"
                        : "syntax");
    }
}
