package dev.eksirsa.engine.aws.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds identity-policy statements that allow {@code sts:AssumeRole} on something that is not a role, such as the
 * runbook's {@code "Resource": "arn:aws:iam::aws:policy/AmazonS3FullAccess"}: IAM accepts them, and the chain
 * they were written for can never work.
 */
public final class AssumeRoleTargets {
    private AssumeRoleTargets() {}

    /** One message per offending resource; empty when the document is fine. */
    public static List<String> problems(PolicyDocument document) {
        List<String> out = new ArrayList<>();
        for (PolicyStatement s : document.statements()) {
            if (s.effect() != Effect.ALLOW || !onlyStsActionsIncludingAssumeRole(s.actions())) {
                continue;
            }
            for (String resource : s.resources()) {
                if (Wildcards.hasWildcard(resource)) {
                    continue;
                }
                RoleArns.notARoleBecause(resource)
                        .ifPresent(what -> out.add("it allows sts:AssumeRole on " + resource + ", which is " + what
                                + ", not a role ARN; sts:AssumeRole needs role ARNs like arn:"
                                + partitionOf(resource) + ":iam::123456789012:role/name"));
            }
        }
        return out;
    }

    private static boolean onlyStsActionsIncludingAssumeRole(List<String> actions) {
        return !actions.isEmpty()
                && actions.stream().allMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("sts:"))
                && actions.stream().anyMatch(a -> Wildcards.matches(a, TrustPolicies.ASSUME_ROLE_ACTION, true));
    }

    private static String partitionOf(String arn) {
        return arn.startsWith("arn:aws-") ? arn.split(":", 3)[1] : "aws";
    }
}
