package dev.eksirsa.sandbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Harness's two response envelopes: the older {@code RestResponse} ({@code metaData}, {@code resource},
 * {@code responseMessages}) of delegate endpoints, and {@code ResponseDTO} ({@code status}, {@code data},
 * {@code metaData}, {@code correlationId}) of connectors; failures as {@code status: ERROR, code, message}.
 */
final class HarnessResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private HarnessResponses() {}

    record Answer(int status, String contentType, String body) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, "application/json", body.toString());
        }
    }

    static Answer resource(JsonNode resource) {
        ObjectNode out = JSON.createObjectNode();
        out.putNull("metaData");
        out.set("resource", resource);
        out.putArray("responseMessages");
        return Answer.json(200, out);
    }

    static Answer data(JsonNode data) {
        ObjectNode out = JSON.createObjectNode().put("status", "SUCCESS");
        out.set("data", data);
        out.putNull("metaData");
        out.put("correlationId", HarnessAccount.random(12));
        return Answer.json(200, out);
    }

    static Answer error(int status, String code, String message) {
        ObjectNode out = JSON.createObjectNode()
                .put("status", "ERROR")
                .put("code", code)
                .put("message", message)
                .put("correlationId", HarnessAccount.random(12));
        out.putArray("responseMessages")
                .addObject()
                .put("code", code)
                .put("level", "ERROR")
                .put("message", message);
        return Answer.json(status, out);
    }
}
