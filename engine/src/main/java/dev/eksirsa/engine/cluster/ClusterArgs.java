package dev.eksirsa.engine.cluster;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.Arguments;
import dev.eksirsa.engine.api.ConnectionArgs;
import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The arguments of the cluster step ({@code eksIrsaCluster}, {@code eks-irsa cluster}), declared once. */
public final class ClusterArgs {
    private ClusterArgs() {}

    private static final List<String> NODEGROUP_KEYS =
            List.of("instanceTypes", "minSize", "desiredSize", "maxSize", "nodeRoleArn");

    public static final ArgumentSet ARGUMENTS = ArgumentSet.of(
                    List.of(
                            Arg.string("name", "EKS cluster name.").asRequired().flag("--name", "NAME"),
                            Arg.bool("create", "Create the cluster when it does not exist.")
                                    .flag("--create"),
                            Arg.string("kubernetesVersion", "Kubernetes version of a new cluster, e.g. 1.31.")
                                    .defaultText("EKS's default")
                                    .flag("--kubernetes-version", "VERSION"),
                            Arg.of("subnetIds", ArgType.LIST, "Subnets of a new cluster, 2-16 in two zones or more.")
                                    .defaultText("the default VPC's")
                                    .flag("--subnet-id", "ID"),
                            Arg.of("securityGroupIds", ArgType.LIST, "Security groups of a new cluster, at most 5.")
                                    .flag("--security-group-id", "ID"),
                            Arg.string("clusterRoleArn", "Cluster service role of a new cluster.")
                                    .defaultText("created: eks-irsa-<name>-cluster")
                                    .flag("--cluster-role-arn", "ARN"),
                            Arg.string("nodegroupName", "Ensure one managed node group of this name.")
                                    .flag("--nodegroup-name", "NAME"),
                            Arg.of("instanceTypes", ArgType.LIST, "Node instance types.")
                                    .defaultText("t3.medium")
                                    .flag("--instance-type", "TYPE"),
                            Arg.of("minSize", ArgType.INTEGER, "Node group minimum size.")
                                    .defaultsTo(1, "1")
                                    .flag("--min-size", "N"),
                            Arg.of("desiredSize", ArgType.INTEGER, "Node group desired size.")
                                    .defaultsTo(2, "2")
                                    .flag("--desired-size", "N"),
                            Arg.of("maxSize", ArgType.INTEGER, "Node group maximum size.")
                                    .defaultsTo(3, "3")
                                    .flag("--max-size", "N"),
                            Arg.string("nodeRoleArn", "Node role of the node group.")
                                    .defaultText("created")
                                    .flag("--node-role-arn", "ARN"),
                            Arg.of(
                                            "accessPrincipalArns",
                                            ArgType.LIST,
                                            "IAM roles or users made cluster admin through access entries.")
                                    .flag("--access-principal-arn", "ARN"),
                            Arg.of("tags", ArgType.MAP, "Tags of a new cluster.")
                                    .flag("--tag", "KEY=VALUE"),
                            Arg.of(
                                            "bootstrapClusterCreatorAdmin",
                                            ArgType.BOOLEAN,
                                            "Make the creator of a new cluster a permanent cluster admin (EKS's default); turn off to grant access only through accessPrincipalArns.")
                                    .defaultsTo(true, "true")
                                    .flag("--bootstrap-cluster-creator-admin"),
                            Arg.string("state", "present, or absent to delete what eks-irsa created.")
                                    .defaultsTo("present", "present")
                                    .flag("--state", "STATE"),
                            Arg.bool("dryRun", "Compute the plan; call nothing that mutates.")
                                    .flag("--dry-run")),
                    ConnectionArgs.STEP)
            .exclusive("profile", "credentialsId");

    static ClusterSpec parse(Map<String, ?> raw) {
        Arguments a = ARGUMENTS.parse(raw);
        if (!a.has("nodegroupName")) {
            for (String key : NODEGROUP_KEYS) {
                if (a.has(key)) {
                    throw new InvalidInputException(key, "needs nodegroupName (it configures the node group)");
                }
            }
        }
        NodegroupSpec nodegroup = a.has("nodegroupName")
                ? new NodegroupSpec(
                        a.string("nodegroupName"),
                        a.strings("instanceTypes"),
                        a.integer("minSize"),
                        a.integer("desiredSize"),
                        a.integer("maxSize"),
                        a.string("nodeRoleArn"))
                : null;
        Duration timeout = a.has("timeout") ? a.duration("timeout") : ClusterSpec.DEFAULT_TIMEOUT;
        return ClusterSpec.builder(a.string("name"))
                .state(DesiredState.parse(a.string("state")))
                .create(a.bool("create"))
                .kubernetesVersion(a.string("kubernetesVersion"))
                .subnetIds(a.strings("subnetIds"))
                .securityGroupIds(a.strings("securityGroupIds"))
                .clusterRoleArn(a.string("clusterRoleArn"))
                .nodegroup(nodegroup)
                .accessPrincipalArns(a.strings("accessPrincipalArns"))
                .tags(a.map("tags"))
                .bootstrapClusterCreatorAdmin(a.bool("bootstrapClusterCreatorAdmin"))
                .dryRun(a.bool("dryRun"))
                .pollInterval(pollFor(timeout))
                .timeout(timeout)
                .connection(ConnectionRef.fromArguments(a))
                .build();
    }

    /** AWS's 30 s, or a tenth of a short timeout (sandboxes), at least 10 ms. */
    static Duration pollFor(Duration timeout) {
        Duration tenth = timeout.dividedBy(10);
        Duration poll = tenth.compareTo(ClusterSpec.DEFAULT_POLL) < 0 ? tenth : ClusterSpec.DEFAULT_POLL;
        return poll.toMillis() < 10 ? Duration.ofMillis(10) : poll;
    }
}
