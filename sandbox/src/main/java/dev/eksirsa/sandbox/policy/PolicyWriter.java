package dev.eksirsa.sandbox.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Compact canonical JSON: statements in document order as an array, elements in the order Sid, Effect,
 * Principal/NotPrincipal, Action/NotAction, Resource/NotResource, Condition; a one-value list as a plain string;
 * conditions grouped by operator in order of first appearance; all condition values as strings.
 */
final class PolicyWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyWriter() {}

    static String write(PolicyDocument doc) {
        ObjectNode root = NODES.objectNode();
        if (doc.version() != null) {
            root.put("Version", doc.version());
        }
        ArrayNode statements = root.putArray("Statement");
        doc.statements().forEach(s -> statements.add(statement(s)));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode statement(Statement s) {
        ObjectNode node = NODES.objectNode();
        if (s.sid() != null) {
            node.put("Sid", s.sid());
        }
        node.put("Effect", s.effect().jsonName());
        if (s.principals() != null) {
            node.set(s.notPrincipal() ? "NotPrincipal" : "Principal", principals(s.principals()));
        }
        node.set(s.notAction() ? "NotAction" : "Action", stringOrList(s.actions()));
        if (s.hasResourceElement()) {
            node.set(s.notResource() ? "NotResource" : "Resource", stringOrList(s.resources()));
        }
        if (!s.conditions().isEmpty()) {
            ObjectNode conditions = node.putObject("Condition");
            for (Condition c : s.conditions()) {
                ObjectNode operator = conditions.has(c.operator())
                        ? (ObjectNode) conditions.get(c.operator())
                        : conditions.putObject(c.operator());
                operator.set(c.key(), stringOrList(c.values()));
            }
        }
        return node;
    }

    private static JsonNode principals(Principals p) {
        if (p.wildcard()) {
            return NODES.textNode("*");
        }
        ObjectNode node = NODES.objectNode();
        p.byType().forEach((type, ids) -> node.set(type, stringOrList(ids)));
        return node;
    }

    private static JsonNode stringOrList(List<String> values) {
        if (values.size() == 1) {
            return NODES.textNode(values.get(0));
        }
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
