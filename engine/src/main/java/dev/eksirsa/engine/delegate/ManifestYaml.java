package dev.eksirsa.engine.delegate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.YamlRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Multi-document Kubernetes YAML to and from fabric8 model objects (through Jackson; fabric8's model classes
 * carry their own Jackson mapping, and {@link KubernetesResource} picks the class by apiVersion and kind). Errors
 * name the field, the line and the kind of problem, never the text: a delegate manifest holds a token.
 */
public final class ManifestYaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // with minimized quotes "3460" or "true" must stay strings
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    // SnakeYAML quotes its own grammar tokens ('<block end>', ':') but also the offending character of the input
    private static final Pattern GRAMMAR_TOKEN = Pattern.compile("<[a-z ]+>|[-:?,\\[\\]{}|>]");

    private static final List<String> SAFE_PROBLEMS = List.of(
            "mapping values are not allowed",
            "could not find expected",
            "did not find expected",
            "expected ",
            "found unexpected end of stream",
            "found character",
            "block sequence entries are not allowed");

    private static final List<String> INDENTATION_HINTS = List.of(
            "mapping values are not allowed",
            "could not find expected ':'",
            "did not find expected key",
            "expected <block end>",
            "block sequence entries are not allowed");

    private ManifestYaml() {}

    /** Parses every non-empty document of {@code text} into a model object. */
    public static List<HasMetadata> read(String field, String text) {
        List<ObjectNode> documents = readTrees(field, text);
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            objects.add(toObject(field, i, documents.get(i)));
        }
        return objects;
    }

    /** The objects as one multi-document YAML text, in order. */
    public static String write(List<? extends HasMetadata> objects) {
        return objects.stream().map(ManifestYaml::write).collect(Collectors.joining("---\n"));
    }

    static String write(HasMetadata object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(object.getKind() + " not serialisable", e);
        }
    }

    /** The documents as trees, empty ones (only comments, or nothing between two {@code ---}) left out. */
    public static List<ObjectNode> readTrees(String field, String text) {
        List<ObjectNode> documents =
                readDocuments(field, text, "is not a Kubernetes object (a map with apiVersion and kind)");
        for (int i = 0; i < documents.size(); i++) {
            ObjectNode object = documents.get(i);
            if (!object.path("apiVersion").isTextual() || !object.path("kind").isTextual()) {
                throw new InvalidInputException(
                        field, "document " + (i + 1) + " is not a Kubernetes object (a map with apiVersion and kind)");
            }
        }
        if (documents.isEmpty()) {
            throw new InvalidInputException(field, "holds no Kubernetes object");
        }
        return documents;
    }

    /**
     * Every non-empty document of a multi-document YAML text as a map, read strictly (duplicate keys refused);
     * errors name the field, the line and the problem, never the text.
     */
    public static List<ObjectNode> readDocuments(String field, String text) {
        return readDocuments(field, text, "is not a map");
    }

    private static List<ObjectNode> readDocuments(String field, String text, String notAMap) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "is empty");
        }
        List<ObjectNode> documents = new ArrayList<>();
        // a parser of our own: given the text, Jackson would read a list at the top as one document per item
        try (JsonParser parser = MAPPER.createParser(text);
                MappingIterator<JsonNode> values =
                        MAPPER.readerFor(JsonNode.class).readValues(parser)) {
            int index = 0;
            while (values.hasNextValue()) {
                JsonNode node = values.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new InvalidInputException(field, "document " + index + " " + notAMap);
                }
                documents.add(object);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "is not valid YAML" + where(e) + ": " + problem(e));
        } catch (IOException e) {
            throw new InvalidInputException(
                    field, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        YamlRules.refuseAliasesAndTags(field, text);
        return documents;
    }

    /** @param index position among the non-empty documents, 0-based */
    static HasMetadata toObject(String field, int index, ObjectNode document) {
        try {
            return (HasMetadata) MAPPER.treeToValue(document, KubernetesResource.class);
        } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
            // the mapper's message may quote a value; name the object and the key path only
            String path = e instanceof JsonMappingException m ? " at " + path(m) : "";
            throw new InvalidInputException(
                    field,
                    document.path("kind").asText() + " "
                            + document.path("metadata").path("name").asText("(unnamed)") + " (object " + (index + 1)
                            + ") does not match its Kubernetes schema" + path);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String where(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return " at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * SnakeYAML's problem in its own words when it is one of its fixed phrases, minus any character of the input it
     * quotes; other problems (an undefined alias names the input's anchor) as a plain kind.
     */
    private static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field") || message.contains("Duplicate key")) {
            return "a key appears twice";
        }
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            String problem = yaml.getProblem().lines().findFirst().orElse("");
            if (SAFE_PROBLEMS.stream().anyMatch(problem::startsWith)) {
                Matcher quoted = QUOTED.matcher(problem);
                StringBuilder out = new StringBuilder();
                while (quoted.find()) {
                    String token = quoted.group(1);
                    String shown = GRAMMAR_TOKEN.matcher(token).matches() ? "'" + token + "'" : "(not shown)";
                    quoted.appendReplacement(out, Matcher.quoteReplacement(shown));
                }
                quoted.appendTail(out);
                return out
                        + (INDENTATION_HINTS.stream().anyMatch(problem::startsWith) ? " (check the indentation)" : "");
            }
            return "malformed YAML";
        }
        return e instanceof DatabindException ? "unexpected structure" : "malformed YAML";
    }
}
