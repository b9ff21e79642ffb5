package dev.eksirsa.engine.aws.iam.policy;

import java.util.List;
import java.util.Map;

/**
 * Evaluates identity and trust policies the way IAM does for a single account's view: explicit Deny wins, then any
 * Allow, else implicit deny. Enough to check what eks-irsa writes before writing it; the sandbox has its own
 * independent evaluator so that the two check each other.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    public static Decision evaluate(List<PolicyDocument> policies, EvaluationRequest request) {
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (PolicyStatement s : policy.statements()) {
                if (!applies(s, request)) {
                    continue;
                }
                if (s.effect() == Effect.DENY) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    public static Decision evaluate(PolicyDocument policy, EvaluationRequest request) {
        return evaluate(List.of(policy), request);
    }

    static boolean applies(PolicyStatement s, EvaluationRequest r) {
        return principalMatches(s, r)
                && actionMatches(s, r.action())
                && resourceMatches(s, r.resource())
                && ConditionMatcher.allSatisfied(s.conditions(), r.context());
    }

    private static boolean principalMatches(PolicyStatement s, EvaluationRequest r) {
        if (r.principal() == null) {
            return true;
        }
        if (s.principals() != null) {
            return matchesAny(s.principals(), r);
        }
        if (s.notPrincipals() != null) {
            return !matchesAny(s.notPrincipals(), r);
        }
        return false;
    }

    private static boolean matchesAny(Map<String, List<String>> principals, EvaluationRequest r) {
        List<String> ids = principals.get(r.principalType());
        if (ids == null) {
            return "AWS".equals(r.principalType()) && List.of("*").equals(principals.get("AWS"));
        }
        return ids.stream().anyMatch(id -> principalIdMatches(id, r.principal()));
    }

    private static boolean principalIdMatches(String id, String principal) {
        if ("*".equals(id) || id.equals(principal)) {
            return true;
        }
        String account = accountOf(principal);
        if (account != null && (id.equals(account) || id.matches("arn:[^:]+:iam::" + account + ":root"))) {
            return true;
        }
        return false;
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[4].matches("[0-9]{12}") ? parts[4] : null;
    }

    private static boolean actionMatches(PolicyStatement s, String action) {
        if (!s.actions().isEmpty()) {
            return s.actions().stream().anyMatch(a -> Wildcards.matches(a, action, true));
        }
        return s.notActions().stream().noneMatch(a -> Wildcards.matches(a, action, true));
    }

    private static boolean resourceMatches(PolicyStatement s, String resource) {
        if (resource == null) {
            return true;
        }
        if (!s.resources().isEmpty()) {
            return s.resources().stream().anyMatch(p -> Wildcards.matches(p, resource, false));
        }
        if (!s.notResources().isEmpty()) {
            return s.notResources().stream().noneMatch(p -> Wildcards.matches(p, resource, false));
        }
        return false;
    }
}
