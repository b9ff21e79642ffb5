package dev.eksirsa.sandbox.eks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Whether a role's trust policy lets an AWS service assume it, which EKS checks for cluster and node roles. */
final class RoleTrust {
    private RoleTrust() {}

    static boolean trustsService(String trustPolicyJson, String servicePrincipal) {
        if (trustPolicyJson == null) {
            return false;
        }
        String json = trustPolicyJson.strip().startsWith("%")
                ? URLDecoder.decode(trustPolicyJson, StandardCharsets.UTF_8)
                : trustPolicyJson;
        JsonNode policy;
        try {
            policy = EksJson.JSON.readTree(json);
        } catch (java.io.IOException e) {
            return false;
        }
        JsonNode statements = policy.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : java.util.List.of(statements)) {
            if (statement.path("Effect").asText().equals("Allow")
                    && contains(statement.path("Principal").path("Service"), servicePrincipal)
                    && allowsAssumeRole(statement.path("Action"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsAssumeRole(JsonNode actions) {
        return contains(actions, "sts:AssumeRole") || contains(actions, "sts:*") || contains(actions, "*");
    }

    private static boolean contains(JsonNode value, String wanted) {
        if (value.isTextual()) {
            return value.asText().equalsIgnoreCase(wanted);
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.asText().equalsIgnoreCase(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }
}
