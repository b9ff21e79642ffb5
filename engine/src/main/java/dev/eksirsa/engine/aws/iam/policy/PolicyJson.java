package dev.eksirsa.engine.aws.iam.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes policy documents as IAM's JSON grammar has them. */
public final class PolicyJson {
    // one document, no duplicate key: IAM refuses both, and a lenient reader would silently pick one
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of(
            "Sid",
            "Effect",
            "Principal",
            "NotPrincipal",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition");

    private PolicyJson() {}

    public static PolicyDocument parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException("the policy document is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // the parser's own message may quote the document: say where and what kind, never the text
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String message = String.valueOf(e.getOriginalMessage());
            String kind = message.startsWith("Duplicate field")
                    ? "a key appears twice"
                    : message.contains("Trailing token") ? "content after the document" : "malformed JSON";
            throw new MalformedPolicyException("the policy document is not JSON" + where + ": " + kind);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("the policy document must be a JSON object");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                throw new MalformedPolicyException("unknown policy element " + name);
            }
        });
        String version = root.hasNonNull("Version") ? text(root.get("Version"), "Version") : null;
        JsonNode statement = root.get("Statement");
        if (statement == null || !(statement.isObject() || statement.isArray())) {
            throw new MalformedPolicyException("the policy document needs a Statement object or list");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        if (statement.isObject()) {
            statements.add(statement(statement));
        } else {
            statement.forEach(s -> statements.add(statement(s)));
        }
        if (statements.isEmpty()) {
            throw new MalformedPolicyException("the policy document has no statement");
        }
        return new PolicyDocument(version, statements);
    }

    /** IAM returns documents URL-encoded inside its XML; the SDK hands them over as they came. */
    public static PolicyDocument parseFromIam(String encoded) {
        String json = encoded.trim().startsWith("{") ? encoded : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        return parse(json);
    }

    public static String write(PolicyDocument document) {
        try {
            return MAPPER.writeValueAsString(tree(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy document not serialisable", e);
        }
    }

    public static Map<String, Object> toMap(PolicyDocument document) {
        return MAPPER.convertValue(tree(document), new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    public static int nonWhitespaceLength(String json) {
        return (int) json.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    private static Map<String, Object> tree(PolicyDocument document) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("Version", document.version());
        List<Object> statements = new ArrayList<>();
        for (PolicyStatement s : document.statements()) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (s.sid() != null) {
                out.put("Sid", s.sid());
            }
            out.put("Effect", s.effect().json());
            putPrincipals(out, "Principal", s.principals());
            putPrincipals(out, "NotPrincipal", s.notPrincipals());
            putList(out, "Action", s.actions());
            putList(out, "NotAction", s.notActions());
            putList(out, "Resource", s.resources());
            putList(out, "NotResource", s.notResources());
            if (!s.conditions().isEmpty()) {
                Map<String, Object> conditions = new LinkedHashMap<>();
                s.conditions().forEach((op, keys) -> {
                    Map<String, Object> byKey = new LinkedHashMap<>();
                    keys.forEach((k, v) -> byKey.put(k, compact(v)));
                    conditions.put(op, byKey);
                });
                out.put("Condition", conditions);
            }
            statements.add(out);
        }
        root.put("Statement", statements);
        return root;
    }

    private static void putPrincipals(Map<String, Object> out, String name, Map<String, List<String>> principals) {
        if (principals == null) {
            return;
        }
        Map<String, Object> byType = new LinkedHashMap<>();
        principals.forEach((type, ids) -> byType.put(type, compact(ids)));
        out.put(name, byType);
    }

    private static void putList(Map<String, Object> out, String name, List<String> values) {
        if (!values.isEmpty()) {
            out.put(name, compact(values));
        }
    }

    // one value is written as a string, as IAM's own console does; it also keeps trust policies small
    private static Object compact(List<String> values) {
        return values.size() == 1 ? values.get(0) : values;
    }

    private static PolicyStatement statement(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedPolicyException("each Statement must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!STATEMENT_KEYS.contains(name)) {
                throw new MalformedPolicyException("unknown statement element " + name);
            }
        });
        if (!node.hasNonNull("Effect")) {
            throw new MalformedPolicyException("a statement needs an Effect");
        }
        return new PolicyStatement(
                node.hasNonNull("Sid") ? text(node.get("Sid"), "Sid") : null,
                Effect.of(text(node.get("Effect"), "Effect")),
                principals(node.get("Principal"), "Principal"),
                principals(node.get("NotPrincipal"), "NotPrincipal"),
                strings(node.get("Action"), "Action"),
                strings(node.get("NotAction"), "NotAction"),
                strings(node.get("Resource"), "Resource"),
                strings(node.get("NotResource"), "NotResource"),
                conditions(node.get("Condition")));
    }

    private static Map<String, List<String>> principals(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node.isTextual() && "*".equals(node.asText())) {
            out.put("AWS", List.of("*"));
            return out;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException(name + " must be \"*\" or an object such as {\"AWS\": \"arn\"}");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!Set.of("AWS", "Federated", "Service", "CanonicalUser").contains(field.getKey())) {
                throw new MalformedPolicyException("unknown principal type " + field.getKey());
            }
            out.put(field.getKey(), strings(field.getValue(), name + "." + field.getKey()));
        }
        return out;
    }

    private static Map<String, Map<String, List<String>>> conditions(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Condition must be an object of operators");
        }
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(op -> {
            if (!op.getValue().isObject()) {
                throw new MalformedPolicyException("Condition operator " + op.getKey() + " must map keys to values");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            op.getValue()
                    .fields()
                    .forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue(), op.getKey() + "." + k.getKey())));
            out.put(op.getKey(), keys);
        });
        return out;
    }

    private static List<String> strings(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(text(n, name)));
            if (out.isEmpty()) {
                throw new MalformedPolicyException(name + " must not be an empty list");
            }
        } else {
            out.add(text(node, name));
        }
        return out;
    }

    private static String text(JsonNode node, String name) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new MalformedPolicyException(name + " must be a string or a list of strings");
    }
}
