package dev.eksirsa.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural rules of the policy grammar, whose violations IAM reports as "Syntax errors in policy.": element
 * names, JSON types, mutually exclusive element pairs, the Version and Effect values.
 */
final class PolicySyntax {

    static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid",
            "Effect",
            "Principal",
            "NotPrincipal",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition");
    static final Set<String> PRINCIPAL_TYPES =
            Set.of(Principals.AWS, Principals.FEDERATED, Principals.SERVICE, Principals.CANONICAL_USER);

    private PolicySyntax() {}

    /** Checks the document's shape and returns its statements (a lone statement object counts as one). */
    static List<JsonNode> check(JsonNode root, PolicyKind kind) throws MalformedPolicyException {
        require(root != null && root.isObject());
        require(onlyKnownFields(root, TOP_ELEMENTS));
        JsonNode version = root.get("Version");
        require(version == null || (version.isTextual() && VERSIONS.contains(version.textValue())));
        JsonNode id = root.get("Id");
        require(id == null || id.isTextual());
        JsonNode statement = root.get("Statement");
        require(statement != null && (statement.isObject() || (statement.isArray() && !statement.isEmpty())));
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isObject()) {
            statements.add(statement);
        } else {
            statement.forEach(statements::add);
        }
        for (JsonNode s : statements) {
            checkStatement(s, kind);
        }
        return statements;
    }

    private static void checkStatement(JsonNode s, PolicyKind kind) throws MalformedPolicyException {
        require(s.isObject() && onlyKnownFields(s, STATEMENT_ELEMENTS));
        JsonNode effect = s.get("Effect");
        if (effect == null && kind == PolicyKind.TRUST) {
            throw new MalformedPolicyException(MalformedPolicyException.MISSING_EFFECT_IN_TRUST);
        }
        require(effect != null
                && effect.isTextual()
                && (effect.textValue().equalsIgnoreCase("Allow")
                        || effect.textValue().equalsIgnoreCase("Deny")));
        require(!(s.has("Action") && s.has("NotAction")));
        require(!(s.has("Resource") && s.has("NotResource")));
        require(!(s.has("Principal") && s.has("NotPrincipal")));
        for (String element : List.of("Action", "NotAction", "Resource", "NotResource")) {
            require(!s.has(element) || isStringOrStringList(s.get(element)));
        }
        require(!s.has("Sid") || s.get("Sid").isTextual());
        for (String element : List.of("Principal", "NotPrincipal")) {
            if (s.has(element)) {
                checkPrincipal(s.get(element));
            }
        }
        if (s.has("Condition")) {
            checkCondition(s.get("Condition"));
        }
    }

    private static void checkPrincipal(JsonNode principal) throws MalformedPolicyException {
        if (principal.isTextual()) {
            require(principal.textValue().equals("*"));
            return;
        }
        require(principal.isObject() && !principal.isEmpty());
        for (Map.Entry<String, JsonNode> type : principal.properties()) {
            require(PRINCIPAL_TYPES.contains(type.getKey()) && isStringOrStringList(type.getValue()));
        }
    }

    private static void checkCondition(JsonNode condition) throws MalformedPolicyException {
        require(condition.isObject());
        for (JsonNode operatorBody : condition) {
            require(operatorBody.isObject());
            for (JsonNode values : operatorBody) {
                if (values.isArray()) {
                    for (JsonNode v : values) {
                        require(isScalar(v));
                    }
                } else {
                    require(isScalar(values));
                }
            }
        }
    }

    private static boolean isScalar(JsonNode v) {
        return v.isTextual() || v.isNumber() || v.isBoolean();
    }

    private static boolean isStringOrStringList(JsonNode node) {
        if (node.isTextual()) {
            return true;
        }
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyKnownFields(JsonNode object, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!known.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean ok) throws MalformedPolicyException {
        if (!ok) {
            throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
        }
    }
}
