package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.policy.Decision;
import dev.eksirsa.sandbox.policy.PolicyEvaluator;
import dev.eksirsa.sandbox.policy.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a caller's identity-based policies (intersected with its permissions boundary) allow an
 * action on a resource, and words the denial as AWS does.
 */
public final class Authorizer {
    private final IamStore iam;

    public Authorizer(IamStore iam) {
        this.iam = iam;
    }

    public Decision decide(Caller caller, String action, String resourceArn, Map<String, List<String>> keys) {
        RequestContext context = new RequestContext(action, resourceArn, null, withGlobalKeys(caller, keys));
        Decision identity = PolicyEvaluator.evaluate(iam.identityPolicies(caller), context);
        if (identity != Decision.ALLOW) {
            return identity;
        }
        Optional<dev.eksirsa.sandbox.policy.PolicyDocument> boundary = iam.permissionsBoundary(caller);
        return boundary.map(b -> PolicyEvaluator.evaluate(List.of(b), context)).orElse(Decision.ALLOW);
    }

    /** Throws AccessDenied unless allowed. */
    public void authorize(Caller caller, String action, String resourceArn) {
        authorize(caller, action, resourceArn, Map.of());
    }

    public void authorize(Caller caller, String action, String resourceArn, Map<String, List<String>> keys) {
        Decision decision = decide(caller, action, resourceArn, keys);
        if (decision != Decision.ALLOW) {
            throw new AwsError(403, "AccessDenied", denialMessage(caller, action, resourceArn, decision));
        }
    }

    public static String denialMessage(Caller caller, String action, String resourceArn, Decision decision) {
        String reason = decision == Decision.EXPLICIT_DENY
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the " + action + " action";
        return "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resourceArn
                + " " + reason;
    }

    private static Map<String, List<String>> withGlobalKeys(Caller caller, Map<String, List<String>> keys) {
        java.util.Map<String, List<String>> all = new java.util.HashMap<>(keys);
        all.putIfAbsent("aws:PrincipalArn", List.of(caller.isRoleSession() ? caller.roleArn() : caller.arn()));
        all.putIfAbsent("aws:PrincipalAccount", List.of(caller.accountId()));
        all.putIfAbsent("aws:userid", List.of(caller.userId()));
        return all;
    }
}
