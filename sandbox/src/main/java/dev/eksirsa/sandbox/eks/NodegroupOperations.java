package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** CreateNodegroup, DescribeNodegroup, ListNodegroups, DeleteNodegroup. */
final class NodegroupOperations {
    private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,62}$");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("^[a-z][a-z0-9-]*\\.[a-z0-9]+$");
    private static final Pattern ARM_FAMILY = Pattern.compile("^[a-z]+\\d+g.*");
    private static final Set<String> CAPACITY_TYPES = Set.of("ON_DEMAND", "SPOT", "CAPACITY_BLOCK");
    static final String NODE_USERNAME = "system:node:{{EC2PrivateDNSName}}";

    private final EksContext ctx;

    NodegroupOperations(EksContext ctx) {
        this.ctx = ctx;
    }

    AwsResponse create(AwsCall call, String clusterName) {
        Caller caller = call.requireCaller();
        EksBody body = EksBody.parse(call.request());
        String name = body.requiredString("nodegroupName");
        call.target(clusterName + "/" + name);
        ctx.authorize(caller, "eks:CreateNodegroup", ctx.clusterArn(caller.accountId(), clusterName));
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        if (!NAME.matcher(name).matches()) {
            throw EksErrors.invalidParameter(
                    "Nodegroup name " + name + " is invalid: it must start with a letter or digit"
                            + " and contain 1 to 63 letters, digits, hyphens and underscores.");
        }
        var existing = cluster.nodegroup(name);
        if (existing.isPresent()) {
            throw EksErrors.inUse("NodeGroup already exists with name " + name + " and cluster name " + clusterName);
        }
        if (cluster.status() != ClusterStatus.ACTIVE) {
            throw EksErrors.invalidRequest("Cluster '" + clusterName + "' is not in ACTIVE status");
        }
        String nodeRole = body.requiredString("nodeRole");
        List<String> subnets = body.strings("subnets");
        if (subnets == null) {
            throw EksErrors.missing("subnets");
        }
        Subnets.requireUsable(ctx.networks(), caller.accountId(), subnets, false);
        ScalingConfig scaling = scaling(body.object("scalingConfig"));
        List<String> instanceTypes =
                body.strings("instanceTypes") == null ? List.of("t3.medium") : body.strings("instanceTypes");
        for (String type : instanceTypes) {
            if (!INSTANCE_TYPE.matcher(type).matches()) {
                throw EksErrors.invalidParameter("Instance type " + type + " is not supported.");
            }
        }
        String version = body.string("version") == null ? cluster.version() : body.string("version");
        if (!version.equals(cluster.version())) {
            throw EksErrors.invalidParameter("Requested Nodegroup version " + version
                    + " is invalid. Allowed values are [" + cluster.version() + "]");
        }
        String capacityType = body.string("capacityType") == null ? "ON_DEMAND" : body.string("capacityType");
        if (!CAPACITY_TYPES.contains(capacityType)) {
            throw EksErrors.invalidParameter("Invalid capacityType " + capacityType);
        }
        Map<String, String> tags = body.stringMap("tags");
        Tags.validate(tags, 0, EksErrors::invalidParameter);
        ctx.requireServiceRole(nodeRole, "ec2.amazonaws.com", "nodeRole");
        ctx.authorizePassRole(caller, nodeRole);

        Instant now = ctx.now();
        String uuid = UUID.randomUUID().toString();
        String amiType = body.string("amiType") != null
                ? body.string("amiType")
                : ARM_FAMILY.matcher(instanceTypes.get(0)).matches()
                        ? "AL2023_ARM_64_STANDARD"
                        : "AL2023_x86_64_STANDARD";
        Nodegroup nodegroup = new Nodegroup(
                name,
                "arn:aws:eks:" + ctx.region() + ":" + caller.accountId() + ":nodegroup/" + clusterName + "/" + name
                        + "/" + uuid,
                clusterName,
                version,
                KubernetesVersions.nodeReleaseVersion(version),
                Lifecycle.creating(now, now.plus(ctx.nodegroupActivationDelay())),
                capacityType,
                scaling,
                instanceTypes,
                subnets,
                amiType,
                nodeRole,
                body.integer("diskSize").orElse(20),
                body.stringMap("labels"),
                tags,
                "eks-" + name + "-" + uuid);
        synchronized (cluster) {
            if (cluster.nodegroup(name).isPresent()) {
                throw EksErrors.inUse(
                        "NodeGroup already exists with name " + name + " and cluster name " + clusterName);
            }
            cluster.putNodegroup(nodegroup);
            addNodeAccessEntry(cluster, nodeRole, now);
        }
        return EksJson.ok("nodegroup", EksJson.nodegroup(nodegroup, now));
    }

    AwsResponse describe(AwsCall call, String clusterName, String name) {
        Caller caller = call.requireCaller();
        call.target(clusterName + "/" + name);
        Nodegroup nodegroup = find(caller, "eks:DescribeNodegroup", clusterName, name);
        return EksJson.ok("nodegroup", EksJson.nodegroup(nodegroup, ctx.now()));
    }

    AwsResponse list(AwsCall call, String clusterName) {
        Caller caller = call.requireCaller();
        call.target(clusterName);
        ctx.authorize(caller, "eks:ListNodegroups", ctx.clusterArn(caller.accountId(), clusterName));
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        List<String> names = cluster.nodegroups().stream()
                .map(Nodegroup::nodegroupName)
                .sorted()
                .toList();
        Page<String> page = Page.of(
                names,
                call.request().query().get("maxResults"),
                call.request().query().get("nextToken"));
        var body = EksJson.object();
        body.set("nodegroups", EksJson.strings(page.items()));
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return EksJson.ok(body);
    }

    AwsResponse delete(AwsCall call, String clusterName, String name) {
        Caller caller = call.requireCaller();
        call.target(clusterName + "/" + name);
        Nodegroup nodegroup = find(caller, "eks:DeleteNodegroup", clusterName, name);
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        Instant now = ctx.now();
        Nodegroup deleting = nodegroup;
        synchronized (cluster) {
            if (!nodegroup.lifecycle().deleting()) {
                deleting = nodegroup.deleting(now, now.plus(ctx.nodegroupActivationDelay()));
                cluster.putNodegroup(deleting);
            }
        }
        return EksJson.ok("nodegroup", EksJson.nodegroup(deleting, now));
    }

    /** When a node group is gone, EKS removes the node role's entry it made, unless another group still uses the role. */
    static void nodegroupGone(Cluster cluster, Nodegroup gone) {
        synchronized (cluster) {
            boolean roleStillUsed =
                    cluster.nodegroups().stream().anyMatch(n -> n.nodeRole().equals(gone.nodeRole()));
            cluster.accessEntry(gone.nodeRole())
                    .filter(e -> e.createdByEks() && !roleStillUsed)
                    .ifPresent(e -> cluster.removeAccessEntry(e.principalArn()));
        }
    }

    private Nodegroup find(Caller caller, String action, String clusterName, String name) {
        var nodegroup = ctx.clusters().find(caller.accountId(), clusterName).flatMap(c -> c.nodegroup(name));
        String resource = nodegroup
                .map(Nodegroup::nodegroupArn)
                .orElse("arn:aws:eks:" + ctx.region() + ":" + caller.accountId() + ":nodegroup/" + clusterName + "/"
                        + name + "/*");
        ctx.authorize(caller, action, resource);
        ctx.requireCluster(caller, clusterName);
        return nodegroup.orElseThrow(() -> EksErrors.nodegroupNotFound(name));
    }

    // Managed node groups get an EC2_LINUX entry for their role when the cluster uses access entries.
    private void addNodeAccessEntry(Cluster cluster, String nodeRole, Instant now) {
        if (!cluster.accessConfig().accessEntriesEnabled()
                || cluster.accessEntry(nodeRole).isPresent()) {
            return;
        }
        cluster.putAccessEntry(AccessEntryOperations.newEntry(
                ctx, cluster, nodeRole, "EC2_LINUX", NODE_USERNAME, List.of("system:nodes"), Map.of(), true, now));
    }

    private static ScalingConfig scaling(EksBody request) {
        int min = request.integer("minSize").orElse(1);
        int max = request.integer("maxSize").orElse(Math.max(2, min));
        int desired = request.integer("desiredSize").orElse(request.present("minSize") ? min : Math.min(2, max));
        if (min < 0) {
            throw EksErrors.invalidParameter("Minimum capacity " + min + " can't be less than 0");
        }
        if (max < 1) {
            throw EksErrors.invalidParameter("Maximum capacity " + max + " can't be less than 1");
        }
        if (min > desired) {
            throw EksErrors.invalidParameter(
                    "Minimum capacity " + min + " can't be greater than desired size " + desired);
        }
        if (desired > max) {
            throw EksErrors.invalidParameter("Desired capacity " + desired + " can't be greater than max size " + max);
        }
        return new ScalingConfig(min, max, desired);
    }
}
