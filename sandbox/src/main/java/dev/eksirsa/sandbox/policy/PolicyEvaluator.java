package dev.eksirsa.sandbox.policy;

import java.util.List;

/**
 * IAM's evaluation logic over a set of policies: an applicable Deny statement wins, otherwise an applicable Allow
 * statement allows, otherwise the request is implicitly denied. A statement applies when its Action/NotAction,
 * Resource/NotResource, Principal/NotPrincipal and every one of its conditions match the request.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {}

    public static Decision evaluate(List<PolicyDocument> policies, RequestContext ctx) {
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements()) {
                if (!applies(statement, ctx)) {
                    continue;
                }
                if (statement.effect() == Effect.DENY) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    public static Decision evaluate(PolicyDocument policy, RequestContext ctx) {
        return evaluate(List.of(policy), ctx);
    }

    /**
     * Whether an applicable Allow statement of {@code trust} names the caller by its own identifier (role, user or
     * session ARN, provider, service) rather than only by its account or "*". For a same-account AssumeRole, AWS
     * needs no identity-policy grant in that case; when only the account is named, the caller's identity policies
     * must allow sts:AssumeRole too. Explicit Denies are not considered here: combine with {@link #evaluate}.
     */
    public static boolean trustNamesCallerDirectly(PolicyDocument trust, RequestContext ctx) {
        return trust.statements().stream()
                .filter(s -> s.effect() == Effect.ALLOW && !s.notPrincipal() && s.principals() != null)
                .filter(s -> applies(s, ctx))
                .anyMatch(s -> PrincipalMatch.of(s.principals(), ctx.principal()) == PrincipalMatch.IDENTITY);
    }

    public static boolean applies(Statement statement, RequestContext ctx) {
        return actionMatches(statement, ctx.action())
                && resourceMatches(statement, ctx.resource())
                && principalMatches(statement, ctx.principal())
                && statement.conditions().stream().allMatch(c -> ConditionEvaluator.holds(c, ctx));
    }

    private static boolean actionMatches(Statement statement, String action) {
        boolean listed =
                action != null && statement.actions().stream().anyMatch(p -> Wildcards.matches(p, action, true));
        return statement.notAction() != listed;
    }

    private static boolean resourceMatches(Statement statement, String resource) {
        if (!statement.hasResourceElement()) {
            return true; // a resource-based (trust) policy: the resource is the one it is attached to
        }
        boolean listed = statement.resources().stream()
                .anyMatch(p -> p.equals("*") || (resource != null && Wildcards.matches(p, resource, false)));
        return statement.notResource() != listed;
    }

    private static boolean principalMatches(Statement statement, PrincipalRef caller) {
        if (statement.principals() == null) {
            return true; // identity policy: the principal is whoever it is attached to
        }
        boolean named = PrincipalMatch.of(statement.principals(), caller) != PrincipalMatch.NONE;
        return statement.notPrincipal() != named;
    }
}
