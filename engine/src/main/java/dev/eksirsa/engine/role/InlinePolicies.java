package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.iam.policy.AssumeRoleTargets;
import dev.eksirsa.engine.aws.iam.policy.MalformedPolicyException;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks inline policies (name to JSON) before anything is written, and parses them once. */
final class InlinePolicies {
    /** IAM's limit for all inline policies of one role together, white space not counted. */
    static final int ROLE_POLICY_SIZE_QUOTA = 10240;

    private InlinePolicies() {}

    static Map<String, PolicyDocument> parse(String field, Map<String, String> policies) {
        Map<String, PolicyDocument> out = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, String> e : policies.entrySet()) {
            String name = IamNames.policyName(field, e.getKey());
            String where = field + "." + name;
            PolicyDocument document;
            try {
                document = PolicyJson.parse(e.getValue());
            } catch (MalformedPolicyException ex) {
                throw new InvalidInputException(where, ex.getMessage());
            }
            if (document.statements().stream().anyMatch(s -> s.principals() != null || s.notPrincipals() != null)) {
                throw new InvalidInputException(where, "an identity policy has no Principal (that is a trust policy)");
            }
            if (document.statements().stream()
                    .anyMatch(s -> s.resources().isEmpty() && s.notResources().isEmpty())) {
                throw new InvalidInputException(where, "every statement of an identity policy needs a Resource");
            }
            List<String> problems = AssumeRoleTargets.problems(document);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(where, String.join("; ", problems));
            }
            total += PolicyJson.nonWhitespaceLength(e.getValue());
            out.put(name, document);
        }
        if (total > ROLE_POLICY_SIZE_QUOTA) {
            throw new InvalidInputException(
                    field, "inline policies add up to " + total + " characters, over IAM's 10240 per role");
        }
        return out;
    }
}
