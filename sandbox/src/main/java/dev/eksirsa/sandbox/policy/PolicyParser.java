package dev.eksirsa.sandbox.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.List;

/**
 * Parses a policy in the order IAM reports problems: JSON and structure ("Syntax errors in policy."), condition
 * operators, Effect spelling ("The policy failed legacy parsing"), then the {@link PolicyGrammar} rules.
 */
final class PolicyParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PolicyParser() {}

    static PolicyDocument parse(String json, PolicyKind kind) throws MalformedPolicyException {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
        }
        List<JsonNode> statements = PolicySyntax.check(root, kind);
        for (JsonNode s : statements) {
            checkConditionOperators(s.get("Condition"));
        }
        for (JsonNode s : statements) {
            String effect = s.get("Effect").textValue();
            // "allow" passes the grammar but not IAM's case-sensitive legacy parser
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new MalformedPolicyException(MalformedPolicyException.LEGACY_PARSING);
            }
        }
        JsonNode version = root.get("Version");
        PolicyDocument doc = new PolicyDocument(
                version == null ? null : version.textValue(),
                statements.stream().map(StatementReader::read).toList());
        PolicyGrammar.check(doc, kind);
        return doc;
    }

    private static void checkConditionOperators(JsonNode condition) throws MalformedPolicyException {
        if (condition == null) {
            return;
        }
        for (Iterator<String> operators = condition.fieldNames(); operators.hasNext(); ) {
            String operator = operators.next();
            if (ConditionOperator.parse(operator).isEmpty()) {
                throw MalformedPolicyException.invalidConditionType(operator);
            }
        }
    }
}
