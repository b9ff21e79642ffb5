package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.cluster.NodegroupSummary;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** Read-only EKS look-ups shared by the cluster reconciler and its teardown. */
final class ClusterReader {
    private final EksClient eks;
    private final String region;

    ClusterReader(EksClient eks, String region) {
        this.eks = eks;
        this.region = region;
    }

    Optional<Cluster> cluster(String name) {
        try {
            return Optional.of(eks.describeCluster(b -> b.name(name)).cluster());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("describing EKS cluster \"" + name + "\" in " + region, e);
        }
    }

    Optional<Nodegroup> nodegroup(String cluster, String name) {
        try {
            return Optional.of(eks.describeNodegroup(b -> b.clusterName(cluster).nodegroupName(name))
                    .nodegroup());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("describing node group " + name + " of EKS cluster " + cluster, e);
        }
    }

    List<Nodegroup> nodegroups(String cluster) {
        List<String> names = AwsErrors.call(
                "listing node groups of EKS cluster " + cluster,
                () -> eks.listNodegroupsPaginator(b -> b.clusterName(cluster)).nodegroups().stream()
                        .toList());
        return names.stream()
                .map(n -> AwsErrors.call(
                        "describing node group " + n + " of EKS cluster " + cluster,
                        () -> eks.describeNodegroup(b -> b.clusterName(cluster).nodegroupName(n))
                                .nodegroup()))
                .toList();
    }

    static List<NodegroupSummary> summaries(List<Nodegroup> nodegroups) {
        return nodegroups.stream()
                .map(n -> new NodegroupSummary(
                        n.nodegroupName(),
                        n.statusAsString(),
                        n.instanceTypes(),
                        n.scalingConfig() == null || n.scalingConfig().desiredSize() == null
                                ? 0
                                : n.scalingConfig().desiredSize()))
                .toList();
    }

    /** The account of the cluster's ARN. */
    static String accountOf(String arn) {
        return dev.eksirsa.engine.aws.Partitions.accountOf("arn", arn);
    }
}
