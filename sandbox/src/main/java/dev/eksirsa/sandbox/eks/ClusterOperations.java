package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.Ids;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import dev.eksirsa.sandbox.oidc.OidcIssuerServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** CreateCluster, DescribeCluster, ListClusters, DeleteCluster. */
final class ClusterOperations {
    private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]*");
    private static final Set<String> AUTHENTICATION_MODES = Set.of("API", "API_AND_CONFIG_MAP", "CONFIG_MAP");

    private final EksContext ctx;
    private final OidcIssuerServer oidc;

    ClusterOperations(EksContext ctx, OidcIssuerServer oidc) {
        this.ctx = ctx;
        this.oidc = oidc;
    }

    AwsResponse create(AwsCall call) {
        Caller caller = call.requireCaller();
        EksBody body = EksBody.parse(call.request());
        String name = body.requiredString("name");
        call.target(name);
        validateName(name);
        String arn = ctx.clusterArn(caller.accountId(), name);
        ctx.authorize(caller, "eks:CreateCluster", arn);
        String token = body.string("clientRequestToken");
        var existing = ctx.clusters().find(caller.accountId(), name);
        if (existing.isPresent()) {
            return replay(existing.get(), token);
        }
        ClusterSpec spec = spec(caller, body, name, arn, token);
        var outcome = ctx.clusters().createIfAbsent(caller.accountId(), name, () -> newCluster(spec));
        if (!outcome.created()) {
            return replay(outcome.cluster(), token);
        }
        return EksJson.ok("cluster", EksJson.cluster(outcome.cluster()));
    }

    AwsResponse describe(AwsCall call, String name) {
        Caller caller = call.requireCaller();
        call.target(name);
        ctx.authorize(caller, "eks:DescribeCluster", ctx.clusterArn(caller.accountId(), name));
        return EksJson.ok("cluster", EksJson.cluster(ctx.requireCluster(caller, name)));
    }

    /** DescribeClusterVersions: the versions EKS offers, or the one asked for ({@code clusterVersions}) if offered. */
    AwsResponse versions(AwsCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(caller, "eks:DescribeClusterVersions", "*");
        String asked = call.request().query().get("clusterVersions");
        var body = EksJson.object();
        var versions = body.putArray("clusterVersions");
        for (String version : KubernetesVersions.SUPPORTED) {
            if (asked == null || asked.equals(version)) {
                versions.addObject()
                        .put("clusterVersion", version)
                        .put("clusterType", "eks")
                        .put("defaultVersion", version.equals(KubernetesVersions.DEFAULT))
                        .put("status", "STANDARD_SUPPORT");
            }
        }
        return EksJson.ok(body);
    }

    AwsResponse list(AwsCall call) {
        Caller caller = call.requireCaller();
        // ListClusters has no resource type: IAM evaluates it against "*".
        ctx.authorize(caller, "eks:ListClusters", "*");
        List<String> names = ctx.clusters().inAccount(caller.accountId()).stream()
                .map(Cluster::name)
                .toList();
        Page<String> page = Page.of(
                names,
                call.request().query().get("maxResults"),
                call.request().query().get("nextToken"));
        var body = EksJson.object();
        body.set("clusters", EksJson.strings(page.items()));
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return EksJson.ok(body);
    }

    AwsResponse delete(AwsCall call, String name) {
        Caller caller = call.requireCaller();
        call.target(name);
        ctx.authorize(caller, "eks:DeleteCluster", ctx.clusterArn(caller.accountId(), name));
        Cluster cluster = ctx.requireCluster(caller, name);
        if (!cluster.nodegroups().isEmpty()) {
            throw EksErrors.inUse("Cluster has nodegroups attached");
        }
        Instant now = ctx.now();
        cluster.markDeleting(now, now.plus(ctx.clusterActivationDelay()));
        return EksJson.ok("cluster", EksJson.cluster(cluster));
    }

    /** A retried create with the same token answers as the first one did; anything else is a name clash. */
    private static AwsResponse replay(Cluster existing, String token) {
        if (token != null && token.equals(existing.clientRequestToken())) {
            return EksJson.ok("cluster", EksJson.cluster(existing));
        }
        throw EksErrors.inUse("Cluster already exists with name: " + existing.name());
    }

    private ClusterSpec spec(Caller caller, EksBody body, String name, String arn, String token) {
        String roleArn = body.requiredString("roleArn");
        if (!body.present("resourcesVpcConfig")) {
            throw EksErrors.missing("resourcesVpcConfig");
        }
        String version = body.string("version") == null ? KubernetesVersions.DEFAULT : body.string("version");
        if (!KubernetesVersions.supported(version)) {
            throw EksErrors.invalidParameter("unsupported Kubernetes version " + version);
        }
        ctx.requireServiceRole(roleArn, "eks.amazonaws.com", "clusterRole");
        ctx.authorizePassRole(caller, roleArn);
        VpcConfig vpc = vpcConfig(caller, body.object("resourcesVpcConfig"));
        AccessConfig access = accessConfig(body.object("accessConfig"));
        Map<String, String> tags = body.stringMap("tags");
        Tags.validate(tags, 0, EksErrors::invalidParameter);
        String serviceCidr = body.object("kubernetesNetworkConfig").string("serviceIpv4Cidr");
        String creatorPrincipal = caller.isRoleSession() ? caller.roleArn() : caller.arn();
        return new ClusterSpec(
                name,
                arn,
                caller.accountId(),
                ctx.region(),
                version,
                roleArn,
                vpc,
                serviceCidr == null ? "10.100.0.0/16" : serviceCidr,
                access,
                token,
                tags,
                caller.arn(),
                creatorPrincipal);
    }

    private VpcConfig vpcConfig(Caller caller, EksBody request) {
        List<String> subnetIds = orEmpty(request.strings("subnetIds"));
        List<String> securityGroupIds = orEmpty(request.strings("securityGroupIds"));
        String vpcId = Subnets.requireUsable(ctx.networks(), caller.accountId(), subnetIds, true);
        Subnets.requireSecurityGroups(securityGroupIds);
        boolean publicAccess = request.bool("endpointPublicAccess").orElse(true);
        boolean privateAccess = request.bool("endpointPrivateAccess").orElse(false);
        if (!publicAccess && !privateAccess) {
            throw EksErrors.invalidParameter("Either public or private endpoint access must be enabled.");
        }
        List<String> cidrs = request.strings("publicAccessCidrs");
        return new VpcConfig(
                subnetIds,
                securityGroupIds,
                "sg-" + hex17(),
                vpcId == null ? "vpc-" + hex17() : vpcId,
                publicAccess,
                privateAccess,
                cidrs == null || cidrs.isEmpty() ? List.of("0.0.0.0/0") : cidrs);
    }

    private static AccessConfig accessConfig(EksBody request) {
        String mode = request.string("authenticationMode");
        if (mode == null) {
            mode = "CONFIG_MAP";
        } else if (!AUTHENTICATION_MODES.contains(mode)) {
            throw EksErrors.invalidParameter("1 validation error detected: Value '" + mode + "' at "
                    + "'accessConfig.authenticationMode' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[API, API_AND_CONFIG_MAP, CONFIG_MAP]");
        }
        return new AccessConfig(
                mode, request.bool("bootstrapClusterCreatorAdminPermissions").orElse(true));
    }

    private Cluster newCluster(ClusterSpec spec) {
        Instant now = ctx.now();
        ClusterIssuer issuer = oidc.register(Ids.hex(32));
        Cluster cluster =
                new Cluster(spec, issuer, Lifecycle.creating(now, now.plus(ctx.clusterActivationDelay())), ctx.clock());
        if (spec.accessConfig().bootstrapClusterCreatorAdminPermissions()
                && spec.accessConfig().accessEntriesEnabled()) {
            AccessEntry creator = AccessEntryOperations.newEntry(
                    ctx, cluster, spec.creatorPrincipalArn(), "STANDARD", null, List.of(), Map.of(), false, now);
            cluster.putAccessEntry(creator.withPolicy(
                    new AssociatedPolicy(AccessPolicies.CLUSTER_ADMIN, AccessScope.cluster(), now, now), now));
        }
        return cluster;
    }

    static void validateName(String name) {
        if (name.length() > 100) {
            throw EksErrors.invalidParameter("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 100");
        }
        if (!NAME.matcher(name).matches()) {
            throw EksErrors.invalidParameter("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "^[0-9A-Za-z][A-Za-z0-9\\-_]*");
        }
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String hex17() {
        return Ids.hex(17).toLowerCase(java.util.Locale.ROOT);
    }
}
