package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import java.util.Map;
import java.util.Set;

/** A role as IAM has it now, with everything the planner compares. */
public record ActualRole(
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

    public ActualRole {
        tags = Map.copyOf(tags);
        inlinePolicies = Map.copyOf(inlinePolicies);
        attachedPolicyArns = Set.copyOf(attachedPolicyArns);
    }

    /** Tagged {@code managed-by=eks-irsa}: only such roles are repaired destructively or deleted. */
    public boolean ours() {
        return Ownership.isOurs(tags);
    }
}
