package dev.eksirsa.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a statement that passed {@link PolicySyntax} into a {@link Statement}; string and list forms alike. */
final class StatementReader {

    private StatementReader() {}

    static Statement read(JsonNode s) {
        String effect = s.get("Effect").textValue();
        boolean notAction = s.has("NotAction");
        boolean notResource = s.has("NotResource");
        boolean notPrincipal = s.has("NotPrincipal");
        JsonNode principal = s.get(notPrincipal ? "NotPrincipal" : "Principal");
        return new Statement(
                s.has("Sid") ? s.get("Sid").textValue() : null,
                effect.equalsIgnoreCase("Deny") ? Effect.DENY : Effect.ALLOW,
                strings(s.get(notAction ? "NotAction" : "Action")),
                notAction,
                strings(s.get(notResource ? "NotResource" : "Resource")),
                notResource,
                principal == null ? null : principals(principal),
                notPrincipal,
                conditions(s.get("Condition")));
    }

    private static Principals principals(JsonNode node) {
        if (node.isTextual()) {
            return Principals.anyone();
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        node.properties().forEach(e -> byType.put(e.getKey(), strings(e.getValue())));
        return new Principals(byType, false);
    }

    private static List<Condition> conditions(JsonNode node) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null) {
            return conditions;
        }
        for (Map.Entry<String, JsonNode> op : node.properties()) {
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                conditions.add(new Condition(op.getKey(), key.getKey(), strings(key.getValue())));
            }
        }
        return conditions;
    }

    /** A string, a number or a boolean, or a list of them, as text. */
    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(item -> out.add(item.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
