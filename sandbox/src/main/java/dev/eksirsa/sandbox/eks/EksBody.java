package dev.eksirsa.sandbox.eks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.eksirsa.sandbox.http.AwsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rest-json request body (or one of its nested objects), read leniently as the service's front end does. */
final class EksBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;

    private EksBody(JsonNode node) {
        this.node = node;
    }

    static EksBody parse(AwsRequest request) {
        String text = request.bodyText().strip();
        if (text.isEmpty()) {
            return new EksBody(JSON.createObjectNode());
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw EksErrors.badRequest("The request body must be a JSON object.");
            }
            return new EksBody(node);
        } catch (JsonProcessingException e) {
            throw EksErrors.badRequest("The request body is not valid JSON.");
        }
    }

    String string(String member) {
        JsonNode value = node.path(member);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    String requiredString(String member) {
        String value = string(member);
        if (value == null || value.isEmpty()) {
            throw EksErrors.missing(member);
        }
        return value;
    }

    Optional<Boolean> bool(String member) {
        JsonNode value = node.path(member);
        return value.isBoolean() ? Optional.of(value.booleanValue()) : Optional.empty();
    }

    Optional<Integer> integer(String member) {
        JsonNode value = node.path(member);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToInt()) {
            throw EksErrors.invalidParameter("The value of " + member + " must be an integer.");
        }
        return Optional.of(value.intValue());
    }

    /** The list, or null when absent (EKS tells absent from empty in some places). */
    List<String> strings(String member) {
        JsonNode value = node.path(member);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        value.forEach(v -> values.add(v.asText()));
        return values;
    }

    Map<String, String> stringMap(String member) {
        Map<String, String> values = new LinkedHashMap<>();
        node.path(member)
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** A nested object; absent reads as an empty body. */
    EksBody object(String member) {
        JsonNode value = node.path(member);
        return new EksBody(value.isObject() ? value : MissingNode.getInstance());
    }

    boolean present(String member) {
        JsonNode value = node.path(member);
        return !value.isMissingNode() && !value.isNull();
    }
}
