package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.aws.iam.ServiceRolePlan;
import dev.eksirsa.engine.aws.iam.ServiceRoleReconciler;
import dev.eksirsa.engine.cluster.NodegroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eks.model.CreateNodegroupResponse;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;

/**
 * One managed node group: created on the cluster's subnets with the given node role or one created with the
 * three worker policies, then waited to ACTIVE. An existing node group is not resized; differences are reported.
 */
final class NodegroupReconciler {
    static final String KIND = "EksNodegroup";
    static final List<String> WORKER_POLICIES =
            List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly");

    private final AwsClients aws;
    private final ClusterReader reader;
    private final EksWaits waits;
    private final ProgressListener progress;

    NodegroupReconciler(AwsClients aws, ClusterReader reader, EksWaits waits, ProgressListener progress) {
        this.aws = aws;
        this.reader = reader;
        this.waits = waits;
        this.progress = progress;
    }

    /**
     * @param subnets the cluster's subnets (known once it exists; the planned ones before)
     * @param accountId the cluster's account, for the node role's and the node group's ARN
     */
    List<PlannedChange> plan(
            String cluster, NodegroupSpec spec, List<String> subnets, String accountId, boolean clusterExists) {
        Optional<Nodegroup> actual = clusterExists ? reader.nodegroup(cluster, spec.name()) : Optional.empty();
        if (actual.isPresent()) {
            reportDrift(actual.get(), spec);
            return List.of();
        }
        List<PlannedChange> plan = new ArrayList<>();
        String roleArn = spec.nodeRoleArn();
        ClusterEnsurer.sameAccount("nodeRoleArn", roleArn, accountId);
        if (roleArn == null) {
            ServiceRolePlan role = new ServiceRoleReconciler(aws.iam(), aws.partition(), accountId, progress)
                    .plan(
                            ServiceRoleReconciler.roleName(cluster, "node"),
                            cluster,
                            "ec2.amazonaws.com",
                            WORKER_POLICIES);
            roleArn = role.arn();
            plan.addAll(role.changes());
        }
        String nodeRoleArn = roleArn;
        String detail = spec.instanceTypes() + ", min " + spec.minSize() + " desired " + spec.desiredSize() + " max "
                + spec.maxSize();
        String arn = EksArns.plannedNodegroup(aws.partition(), aws.region(), accountId, cluster, spec.name());
        plan.add(new PlannedChange(Change.create(KIND, arn, detail), () -> {
            progress.info("Creating EKS node group " + spec.name() + " of " + cluster);
            String what = "creation of EKS node group \"" + spec.name() + "\" of " + cluster;
            Supplier<CreateNodegroupResponse> create = () -> aws.eks().createNodegroup(b -> b.clusterName(cluster)
                    .nodegroupName(spec.name())
                    .nodeRole(nodeRoleArn)
                    .subnets(subnets)
                    .instanceTypes(spec.instanceTypes())
                    .scalingConfig(s -> s.minSize(spec.minSize())
                            .desiredSize(spec.desiredSize())
                            .maxSize(spec.maxSize()))
                    .tags(Ownership.tags(cluster)));
            if (spec.nodeRoleArn() == null) {
                RolePropagation.standard(progress).call(what, CreateNodegroupResponse.class, create, waits.deadline());
            } else {
                AwsErrors.call(what, create);
            }
            waits.nodegroupActive(cluster, spec.name());
        }));
        return plan;
    }

    private void reportDrift(Nodegroup actual, NodegroupSpec spec) {
        NodegroupScalingConfig s = actual.scalingConfig();
        if (s != null
                && (s.minSize() != spec.minSize()
                        || s.desiredSize() != spec.desiredSize()
                        || s.maxSize() != spec.maxSize())) {
            progress.warn("EKS node group " + actual.nodegroupName() + " scales " + s.minSize() + "/" + s.desiredSize()
                    + "/" + s.maxSize() + " (min/desired/max), not " + spec.minSize() + "/" + spec.desiredSize() + "/"
                    + spec.maxSize() + "; eks-irsa does not resize node groups");
        }
        if (!actual.instanceTypes().equals(spec.instanceTypes())) {
            progress.warn("EKS node group " + actual.nodegroupName() + " uses " + actual.instanceTypes() + ", not "
                    + spec.instanceTypes() + "; instance types cannot change in place");
        }
    }
}
