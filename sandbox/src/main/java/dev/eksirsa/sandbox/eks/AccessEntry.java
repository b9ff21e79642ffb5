package dev.eksirsa.sandbox.eks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One access entry of a cluster. Immutable; changes replace it in its cluster.
 *
 * @param type {@code STANDARD}, {@code EC2_LINUX}, ...
 * @param username the Kubernetes user name, possibly with EKS's {@code {{SessionName}}} placeholder
 * @param policies associated access policies by policy ARN
 * @param createdByEks true for entries EKS made itself (a managed node group's node role)
 */
public record AccessEntry(
        String clusterName,
        String principalArn,
        String accessEntryArn,
        String type,
        String username,
        List<String> kubernetesGroups,
        Instant createdAt,
        Instant modifiedAt,
        Map<String, String> tags,
        Map<String, AssociatedPolicy> policies,
        boolean createdByEks) {

    public AccessEntry {
        kubernetesGroups = List.copyOf(kubernetesGroups);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        policies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    }

    public boolean hasPolicy(String policyArn) {
        return policies.containsKey(policyArn);
    }

    AccessEntry withPolicy(AssociatedPolicy policy, Instant now) {
        Map<String, AssociatedPolicy> copy = new LinkedHashMap<>(policies);
        copy.put(policy.policyArn(), policy);
        return new AccessEntry(
                clusterName,
                principalArn,
                accessEntryArn,
                type,
                username,
                kubernetesGroups,
                createdAt,
                now,
                tags,
                copy,
                createdByEks);
    }

    AccessEntry withoutPolicy(String policyArn, Instant now) {
        Map<String, AssociatedPolicy> copy = new LinkedHashMap<>(policies);
        copy.remove(policyArn);
        return new AccessEntry(
                clusterName,
                principalArn,
                accessEntryArn,
                type,
                username,
                kubernetesGroups,
                createdAt,
                now,
                tags,
                copy,
                createdByEks);
    }

    AccessEntry withIdentity(String newUsername, List<String> groups, Instant now) {
        return new AccessEntry(
                clusterName,
                principalArn,
                accessEntryArn,
                type,
                newUsername,
                groups,
                createdAt,
                now,
                tags,
                policies,
                createdByEks);
    }

    AccessEntry withTags(Map<String, String> newTags) {
        return new AccessEntry(
                clusterName,
                principalArn,
                accessEntryArn,
                type,
                username,
                kubernetesGroups,
                createdAt,
                modifiedAt,
                newTags,
                policies,
                createdByEks);
    }
}
