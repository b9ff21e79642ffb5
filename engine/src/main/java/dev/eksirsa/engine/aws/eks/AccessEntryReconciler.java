package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;

/** Gives IAM principals cluster-admin through EKS access entries; never removes entries it did not add. */
final class AccessEntryReconciler {
    static final String KIND = "AccessEntry";

    private final EksClient eks;
    private final String partition;
    private final String region;
    private final ProgressListener progress;

    AccessEntryReconciler(EksClient eks, String partition, String region, ProgressListener progress) {
        this.eks = eks;
        this.partition = partition;
        this.region = region;
        this.progress = progress;
    }

    String adminPolicyArn() {
        return "arn:" + partition + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    }

    /** Plans entries for a cluster that will exist but does not yet: every principal needs one. */
    List<PlannedChange> planForNewCluster(String clusterName, String accountId, List<String> principals) {
        List<PlannedChange> changes = new ArrayList<>();
        principals.forEach(p -> changes.add(createEntry(clusterName, accountId, p)));
        return changes;
    }

    List<PlannedChange> plan(Cluster cluster, List<String> principals) {
        if (principals.isEmpty()) {
            return List.of();
        }
        String name = cluster.name();
        AuthenticationMode mode =
                cluster.accessConfig() == null ? null : cluster.accessConfig().authenticationMode();
        if (mode == AuthenticationMode.CONFIG_MAP) {
            throw new ConflictException(
                    "EKS cluster \"" + name + "\" authenticates only through the aws-auth ConfigMap,"
                            + " so access entries cannot be added; switch it to API_AND_CONFIG_MAP (aws eks"
                            + " update-cluster-config --access-config authenticationMode=API_AND_CONFIG_MAP) and re-run");
        }
        Set<String> existing = new HashSet<>(AwsErrors.call(
                "listing access entries of EKS cluster " + name,
                () -> eks.listAccessEntriesPaginator(b -> b.clusterName(name)).accessEntries().stream()
                        .toList()));
        List<PlannedChange> changes = new ArrayList<>();
        for (String principal : principals) {
            if (!existing.contains(principal)) {
                changes.add(createEntry(name, ClusterReader.accountOf(cluster.arn()), principal));
            } else if (!hasAdmin(name, principal)) {
                changes.add(new PlannedChange(
                        Change.update(KIND, entryArn(name, principal), "associate AmazonEKSClusterAdminPolicy"),
                        () -> associate(name, principal)));
            }
        }
        return changes;
    }

    private boolean hasAdmin(String cluster, String principal) {
        List<AssociatedAccessPolicy> policies = AwsErrors.call(
                "listing access policies of " + principal + " on EKS cluster " + cluster,
                () -> eks.listAssociatedAccessPolicies(
                                b -> b.clusterName(cluster).principalArn(principal))
                        .associatedAccessPolicies());
        return policies.stream()
                .anyMatch(p -> adminPolicyArn().equals(p.policyArn())
                        && p.accessScope() != null
                        && p.accessScope().type() == AccessScopeType.CLUSTER);
    }

    private String entryArn(String cluster, String principal) {
        return AwsErrors.call(
                "describing the access entry of " + principal + " on EKS cluster " + cluster,
                () -> eks.describeAccessEntry(b -> b.clusterName(cluster).principalArn(principal))
                        .accessEntry()
                        .accessEntryArn());
    }

    private PlannedChange createEntry(String cluster, String accountId, String principal) {
        String arn = EksArns.plannedAccessEntry(partition, region, accountId, cluster, principal);
        return new PlannedChange(
                Change.create(KIND, arn, "access entry for " + principal + " with AmazonEKSClusterAdminPolicy"), () -> {
                    progress.info("Granting " + principal + " cluster-admin on EKS cluster " + cluster);
                    AwsErrors.run(
                            "creation of the access entry for " + principal + " on EKS cluster " + cluster,
                            () -> eks.createAccessEntry(b -> b.clusterName(cluster)
                                    .principalArn(principal)
                                    .tags(Ownership.tags(cluster))));
                    associate(cluster, principal);
                });
    }

    private void associate(String cluster, String principal) {
        AwsErrors.run(
                "associating AmazonEKSClusterAdminPolicy with " + principal + " on EKS cluster " + cluster,
                () -> eks.associateAccessPolicy(b -> b.clusterName(cluster)
                        .principalArn(principal)
                        .policyArn(adminPolicyArn())
                        .accessScope(s -> s.type(AccessScopeType.CLUSTER))));
    }
}
