package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.aws.Ownership;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import java.util.Map;
import java.util.Set;

/** A role as IAM has it now, with everything the planner compares. */
record ActualRole(
        String name,
        String arn,
        String path,
        String description,
        Integer maxSessionDuration,
        String permissionsBoundary,
        Map<String, String> tags,
        PolicyDocument trust,
        Map<String, PolicyDocument> inlinePolicies,
        Set<String> attachedPolicyArns) {

    ActualRole {
        tags = Map.copyOf(tags);
        inlinePolicies = Map.copyOf(inlinePolicies);
        attachedPolicyArns = Set.copyOf(attachedPolicyArns);
    }

    /** Tagged {@code managed-by=eks-irsa}: only such roles are repaired destructively or deleted. */
    boolean ours() {
        return Ownership.isOurs(tags);
    }
}
