package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a role should look like. {@code trust} holds only our statements ({@code EksIrsa} Sids); statements of
 * others are kept by the planner. Null description, session duration or boundary means "leave as it is".
 *
 * @param clusterName for the ownership tag; null when the role is not tied to a cluster
 */
public record DesiredRole(
        String name,
        String arn,
        String path,
        String description,
        Integer maxSessionDuration,
        String permissionsBoundary,
        Map<String, String> tags,
        String clusterName,
        List<PolicyStatement> trust,
        Set<String> policyArns,
        Map<String, PolicyDocument> inlinePolicies) {

    public DesiredRole {
        tags = Map.copyOf(tags);
        trust = List.copyOf(trust);
        policyArns = Set.copyOf(policyArns);
        inlinePolicies = Map.copyOf(inlinePolicies);
    }

    public static String arn(String partition, String accountId, String path, String name) {
        return "arn:" + partition + ":iam::" + accountId + ":role" + path + name;
    }
}
