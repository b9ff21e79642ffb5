package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.Concurrently;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.RecordingListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.aws.ec2.DefaultSubnets;
import dev.eksirsa.engine.aws.iam.ActualRole;
import dev.eksirsa.engine.aws.iam.OidcProviderPlan;
import dev.eksirsa.engine.aws.iam.OidcProviderReconciler;
import dev.eksirsa.engine.aws.iam.RoleReader;
import dev.eksirsa.engine.aws.iam.ServiceRolePlan;
import dev.eksirsa.engine.aws.iam.ServiceRoleReconciler;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.CreateClusterResponse;
import software.amazon.awssdk.services.eks.model.Nodegroup;

/** One {@code state: present} run of {@link ClusterReconciler}. */
final class ClusterEnsurer {
    private static final String CLUSTER_POLICY = "AmazonEKSClusterPolicy";

    private final AwsClients aws;
    private final IssuerThumbprint thumbprints;
    private final RecordingListener progress;
    private final ClusterReader reader;
    private final EksWaits waits;
    private final ApiAccessCheck accessCheck;

    ClusterEnsurer(
            AwsClients aws,
            ClusterReader reader,
            EksWaits waits,
            IssuerThumbprint thumbprints,
            ApiAccessCheck accessCheck,
            RecordingListener progress) {
        this.aws = aws;
        this.thumbprints = thumbprints;
        this.progress = progress;
        this.reader = reader;
        this.waits = waits;
        this.accessCheck = accessCheck;
    }

    ClusterResult run(ClusterSpec spec) {
        String name = spec.name();
        List<Change> changes = new ArrayList<>();
        Optional<Cluster> actual = reader.cluster(name);
        boolean created = false;
        if (actual.isEmpty()) {
            if (!spec.create()) {
                throw new EksIrsaException("EKS cluster \"" + name + "\" not found in " + aws.region()
                        + "; pass create (--create) to create it");
            }
            created = true;
            // the default subnets, the cluster role (read by its name) and the caller's account do not depend on
            // each other
            CompletableFuture<Optional<ActualRole>> clusterRoleRead = spec.clusterRoleArn() == null
                    ? Concurrently.start(
                            () -> new RoleReader(aws.iam()).read(ServiceRoleReconciler.roleName(name, "cluster")))
                    : CompletableFuture.completedFuture(Optional.empty());
            CompletableFuture<List<String>> subnetsLookup = Concurrently.start(() ->
                    spec.subnetIds().isEmpty() ? new DefaultSubnets(aws.ec2()).find(aws.region()) : spec.subnetIds());
            String accountId = AwsErrors.call(
                    "identifying the caller",
                    () -> aws.sts().getCallerIdentity().account());
            if (spec.nodegroup() != null) {
                sameAccount("nodeRoleArn", spec.nodegroup().nodeRoleArn(), accountId);
            }
            checkVersionOffered(spec.kubernetesVersion());
            List<PlannedChange> creation = planCreation(spec, accountId, clusterRoleRead, subnetsLookup);
            List<String> subnets = Concurrently.join(subnetsLookup);
            if (spec.dryRun()) {
                creation.forEach(c -> changes.add(c.change()));
                if (spec.nodegroup() != null) {
                    new NodegroupReconciler(aws, reader, waits, progress)
                            .plan(name, spec.nodegroup(), subnets, accountId, false)
                            .forEach(c -> changes.add(c.change()));
                }
                new AccessEntryReconciler(aws.eks(), aws.partition(), aws.region(), progress)
                        .planForNewCluster(name, accountId, spec.accessPrincipalArns())
                        .forEach(c -> changes.add(c.change()));
                // the provider's ARN follows from the issuer, which EKS assigns when it creates the cluster
                changes.add(Change.create(
                        OidcProviderReconciler.KIND,
                        "issuer of EKS cluster " + name,
                        "client id " + OidcProviderReconciler.STS_AUDIENCE + " and the issuer's thumbprint"));
                return missing(spec, changes, progress.warnings());
            }
            apply(creation, changes);
            actual = waits.clusterActive(name);
            if (actual.isEmpty()) {
                actual = reader.cluster(name);
            }
        }
        Cluster cluster = actual.orElseThrow(() -> new EksIrsaException("EKS cluster \"" + name + "\" vanished"));
        cluster = settle(cluster, spec);
        reportDrift(cluster, spec);

        // without a node group to reconcile, the node groups listed in the result are already known
        CompletableFuture<List<Nodegroup>> nodegroupNames =
                spec.nodegroup() == null ? Concurrently.start(() -> reader.nodegroups(name)) : null;
        List<PlannedChange> plan = new ArrayList<>();
        if (spec.nodegroup() != null) {
            plan.addAll(new NodegroupReconciler(aws, reader, waits, progress)
                    .plan(
                            name,
                            spec.nodegroup(),
                            cluster.resourcesVpcConfig().subnetIds(),
                            ClusterReader.accountOf(cluster.arn()),
                            true));
        }
        plan.addAll(new AccessEntryReconciler(aws.eks(), aws.partition(), aws.region(), progress)
                .plan(cluster, spec.accessPrincipalArns()));
        URI issuer = InputRules.httpsIssuer("oidcIssuer", issuerOf(cluster));
        String providerArn =
                OidcProviderReconciler.providerArn(aws.partition(), ClusterReader.accountOf(cluster.arn()), issuer);
        OidcProviderPlan oidc = new OidcProviderReconciler(aws.iam(), uri -> thumbprints.fetch(uri, progress), progress)
                .plan(issuer, providerArn, name);
        plan.addAll(oidc.changes());
        if (spec.dryRun()) {
            plan.forEach(c -> changes.add(c.change()));
        } else {
            Cluster reached = cluster;
            // the access check asks the API as the caller: after any access entry the plan makes, else meanwhile
            if (plan.stream().anyMatch(c -> c.change().kind().equals(AccessEntryReconciler.KIND))) {
                apply(plan, changes);
                checkApiAccess(reached);
            } else {
                Concurrently.run(List.of(() -> apply(plan, changes), () -> checkApiAccess(reached)));
            }
        }
        return new ClusterResult(
                name,
                cluster.arn(),
                ClusterReader.accountOf(cluster.arn()),
                aws.region(),
                cluster.statusAsString(),
                cluster.version(),
                cluster.endpoint(),
                cluster.certificateAuthority() == null
                        ? null
                        : cluster.certificateAuthority().data(),
                issuer.toString(),
                providerArn,
                created,
                oidc.creates(),
                ClusterReader.summaries(
                        nodegroupNames == null ? reader.nodegroups(name) : Concurrently.join(nodegroupNames)),
                changes,
                progress.warnings(),
                spec.dryRun());
    }

    private List<PlannedChange> planCreation(
            ClusterSpec spec,
            String accountId,
            CompletableFuture<Optional<ActualRole>> clusterRoleRead,
            CompletableFuture<List<String>> subnetsLookup) {
        String name = spec.name();
        List<PlannedChange> plan = new ArrayList<>();
        String roleArn = spec.clusterRoleArn();
        sameAccount("clusterRoleArn", roleArn, accountId);
        if (roleArn == null) {
            ServiceRolePlan role = new ServiceRoleReconciler(aws.iam(), aws.partition(), accountId, progress)
                    .plan(
                            Concurrently.join(clusterRoleRead),
                            ServiceRoleReconciler.roleName(name, "cluster"),
                            name,
                            "eks.amazonaws.com",
                            List.of(CLUSTER_POLICY));
            roleArn = role.arn();
            plan.addAll(role.changes());
        }
        String clusterRoleArn = roleArn;
        List<String> subnets = Concurrently.join(subnetsLookup);
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.putAll(Ownership.tags(name));
        String detail = "Kubernetes " + (spec.kubernetesVersion() == null ? "(EKS default)" : spec.kubernetesVersion())
                + ", subnets " + String.join(",", subnets)
                + (spec.bootstrapClusterCreatorAdmin() ? ", creator is cluster admin" : ", creator is not made admin");
        String arn = EksArns.cluster(aws.partition(), aws.region(), accountId, name);
        plan.add(new PlannedChange(Change.create(ClusterReconciler.KIND, arn, detail), () -> {
            progress.info("Creating EKS cluster " + name + " in " + aws.region());
            String what = "creation of EKS cluster \"" + name + "\" in " + aws.region();
            Supplier<CreateClusterResponse> create = () -> aws.eks().createCluster(b -> b.name(name)
                    .version(spec.kubernetesVersion())
                    .roleArn(clusterRoleArn)
                    .resourcesVpcConfig(v -> v.subnetIds(subnets)
                            .securityGroupIds(spec.securityGroupIds())
                            .endpointPublicAccess(spec.endpointPublicAccess())
                            .endpointPrivateAccess(spec.endpointPrivateAccess()))
                    .accessConfig(a -> a.authenticationMode(AuthenticationMode.API_AND_CONFIG_MAP)
                            .bootstrapClusterCreatorAdminPermissions(spec.bootstrapClusterCreatorAdmin()))
                    .tags(tags));
            if (spec.clusterRoleArn() == null) {
                RolePropagation.standard(progress).call(what, CreateClusterResponse.class, create, waits.deadline());
            } else {
                AwsErrors.call(what, create);
            }
        }));
        return plan;
    }

    /** Waits out CREATING/UPDATING; refuses to work on a cluster that is going away or broken. */
    private Cluster settle(Cluster cluster, ClusterSpec spec) {
        ClusterStatus status = cluster.status();
        if (status == ClusterStatus.DELETING || status == ClusterStatus.FAILED) {
            throw new ConflictException(
                    "EKS cluster \"" + cluster.name() + "\" is " + status + "; nothing can be ensured on it");
        }
        if ((status == ClusterStatus.CREATING || status == ClusterStatus.UPDATING) && !spec.dryRun()) {
            waits.clusterActive(cluster.name());
            return reader.cluster(cluster.name()).orElse(cluster);
        }
        return cluster;
    }

    private void reportDrift(Cluster cluster, ClusterSpec spec) {
        if (spec.kubernetesVersion() != null && !spec.kubernetesVersion().equals(cluster.version())) {
            warn("EKS cluster \"" + cluster.name() + "\" runs Kubernetes " + cluster.version() + ", not "
                    + spec.kubernetesVersion() + "; eks-irsa does not upgrade clusters");
        }
        if (Boolean.FALSE.equals(
                cluster.resourcesVpcConfig() == null
                        ? null
                        : cluster.resourcesVpcConfig().endpointPublicAccess())) {
            warn("EKS cluster \"" + cluster.name() + "\" has no public endpoint: its Kubernetes API is reachable only"
                    + " from inside its VPC (run from there, or enable public access)");
        }
    }

    private void checkApiAccess(Cluster cluster) {
        if (cluster.status() != ClusterStatus.ACTIVE
                || cluster.endpoint() == null
                || cluster.certificateAuthority() == null
                || cluster.certificateAuthority().data() == null) {
            return;
        }
        progress.info("Checking access to the Kubernetes API of EKS cluster \"" + cluster.name() + "\"");
        boolean publicAccess = cluster.resourcesVpcConfig() == null
                || !Boolean.FALSE.equals(cluster.resourcesVpcConfig().endpointPublicAccess());
        String mode =
                cluster.accessConfig() == null ? null : cluster.accessConfig().authenticationModeAsString();
        accessCheck
                .problem(new ApiAccessCheck.ApiTarget(
                        cluster.name(),
                        cluster.endpoint(),
                        cluster.certificateAuthority().data(),
                        publicAccess,
                        mode))
                .ifPresent(this::warn);
    }

    private static String issuerOf(Cluster cluster) {
        if (cluster.identity() == null || cluster.identity().oidc() == null) {
            throw new EksIrsaException("EKS cluster \"" + cluster.name() + "\" reports no OIDC issuer");
        }
        return cluster.identity().oidc().issuer();
    }

    private ClusterResult missing(ClusterSpec spec, List<Change> changes, List<String> warnings) {
        return new ClusterResult(
                spec.name(),
                null,
                null,
                aws.region(),
                ClusterResult.MISSING,
                spec.kubernetesVersion(),
                null,
                null,
                null,
                null,
                true,
                true,
                List.of(),
                changes,
                warnings,
                true);
    }

    /**
     * A Kubernetes version EKS does not offer is bad input, found by a read before the cluster's role is made.
     * Where DescribeClusterVersions cannot be called (an older policy, an emulator without it), CreateCluster
     * remains the judge, with a warning.
     */
    private void checkVersionOffered(String version) {
        if (version == null) {
            return;
        }
        List<String> offered;
        try {
            offered = aws.eks().describeClusterVersions(b -> b.clusterVersions(version)).clusterVersions().stream()
                    .map(software.amazon.awssdk.services.eks.model.ClusterVersionInformation::clusterVersion)
                    .toList();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            warn("cannot list the Kubernetes versions EKS offers in " + aws.region() + " ("
                    + e.getClass().getSimpleName() + "); CreateCluster will check " + version);
            return;
        }
        if (!offered.contains(version)) {
            throw new InvalidInputException(
                    "kubernetesVersion",
                    "EKS does not offer Kubernetes " + version + " in " + aws.region()
                            + " (DescribeClusterVersions); pick a supported version or leave it for EKS's default");
        }
    }

    /** EKS takes service roles of the cluster's own account only; refused now, not by CreateCluster after writes. */
    static void sameAccount(String field, String roleArn, String accountId) {
        if (roleArn != null && !Partitions.accountOf(field, roleArn).equals(accountId)) {
            throw new InvalidInputException(
                    field,
                    "is a role of account " + Partitions.accountOf(field, roleArn) + ", but the cluster is in account "
                            + accountId
                            + "; EKS takes only roles of the cluster's own account");
        }
    }

    private void warn(String line) {
        progress.warn(line);
    }

    private static void apply(List<PlannedChange> plan, List<Change> done) {
        done.addAll(PlannedChange.applyAll(plan, false));
    }
}
