package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.RecordingListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.aws.iam.OidcProviderReconciler;
import dev.eksirsa.engine.aws.iam.ServiceRoleReconciler;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;

/**
 * {@code state: absent}: deletes, in order, our node groups, our cluster, our OIDC provider and the roles we
 * created for the cluster, waiting for each EKS deletion. Anything without our tags is left and reported.
 */
final class ClusterTeardown {
    private final AwsClients aws;
    private final ClusterReader reader;
    private final EksWaits waits;
    private final RecordingListener progress;

    ClusterTeardown(AwsClients aws, ClusterReader reader, EksWaits waits, RecordingListener progress) {
        this.aws = aws;
        this.reader = reader;
        this.waits = waits;
        this.progress = progress;
    }

    ClusterResult run(ClusterSpec spec) {
        String name = spec.name();
        Optional<Cluster> cluster = reader.cluster(name);
        List<PlannedChange> plan = new ArrayList<>();
        boolean clusterGoes = cluster.isEmpty();
        String accountId = null;
        List<Nodegroup> nodegroups = List.of();
        if (cluster.isPresent()) {
            Cluster c = cluster.get();
            accountId = ClusterReader.accountOf(c.arn());
            nodegroups = reader.nodegroups(name);
            for (Nodegroup ng : nodegroups) {
                if (Ownership.isOurs(ng.tags())) {
                    plan.add(new PlannedChange(
                            Change.delete("EksNodegroup", ng.nodegroupArn(), "delete the node group and wait"), () -> {
                                progress.info("Deleting EKS node group " + ng.nodegroupName() + " of " + name);
                                AwsErrors.run(
                                        "deleting EKS node group " + ng.nodegroupName() + " of " + name,
                                        () -> aws.eks().deleteNodegroup(b -> b.clusterName(name)
                                                .nodegroupName(ng.nodegroupName())));
                                waits.nodegroupDeleted(name, ng.nodegroupName());
                            }));
                } else {
                    progress.warn("EKS node group " + ng.nodegroupName() + " of " + name
                            + " was not created by eks-irsa and is left in place");
                }
            }
            if (Ownership.isOurs(c.tags())) {
                clusterGoes = true;
                plan.add(new PlannedChange(
                        Change.delete(ClusterReconciler.KIND, c.arn(), "delete the cluster and wait"), () -> {
                            progress.info("Deleting EKS cluster " + name);
                            AwsErrors.run("deleting EKS cluster \"" + name + "\"", () -> aws.eks()
                                    .deleteCluster(b -> b.name(name)));
                            waits.clusterDeleted(name);
                        }));
            } else {
                progress.warn("EKS cluster \"" + name + "\" was not created by eks-irsa and is left in place;"
                        + " only what eks-irsa added to it goes");
            }
        }
        // the provider goes whenever eks-irsa made it (its tags say so), also for a cluster it did not create
        OidcProviderReconciler oidc = new OidcProviderReconciler(aws.iam(), uri -> Optional.empty(), progress);
        boolean known = cluster.isPresent();
        providerArns(cluster, accountId)
                .forEach(arn -> oidc.planDelete(arn, name, known).ifPresent(plan::add));
        if (clusterGoes) {
            ServiceRoleReconciler roles = new ServiceRoleReconciler(aws.iam(), aws.partition(), "", progress);
            plan.addAll(roles.planDelete(ServiceRoleReconciler.roleName(name, "node"), name));
            plan.addAll(roles.planDelete(ServiceRoleReconciler.roleName(name, "cluster"), name));
        }
        List<Change> changes = PlannedChange.applyAll(plan, spec.dryRun());
        boolean gone = clusterGoes && !spec.dryRun();
        Cluster c = cluster.orElse(null);
        return new ClusterResult(
                name,
                c == null ? null : c.arn(),
                accountId,
                aws.region(),
                gone || c == null ? ClusterResult.DELETED : c.statusAsString(),
                c == null ? null : c.version(),
                null,
                null,
                c == null || c.identity() == null ? null : c.identity().oidc().issuer(),
                null,
                false,
                false,
                gone ? List.of() : ClusterReader.summaries(nodegroups),
                changes,
                progress.warnings(),
                spec.dryRun());
    }

    /** The provider of the cluster's issuer; when the cluster is already gone, every provider tagged for it. */
    private List<String> providerArns(Optional<Cluster> cluster, String accountId) {
        if (cluster.isPresent()
                && cluster.get().identity() != null
                && cluster.get().identity().oidc() != null) {
            return List.of(OidcProviderReconciler.providerArn(
                    aws.partition(),
                    accountId,
                    InputRules.httpsIssuer(
                            "oidcIssuer", cluster.get().identity().oidc().issuer())));
        }
        return AwsErrors.call(
                "listing IAM OIDC providers",
                () -> aws.iam().listOpenIDConnectProviders().openIDConnectProviderList().stream()
                        .map(OpenIDConnectProviderListEntry::arn)
                        .toList());
    }
}
