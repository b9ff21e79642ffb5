package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ChangeAction;
import dev.eksirsa.engine.api.ConcurrentChangeException;
import dev.eksirsa.engine.api.Concurrently;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.RecordingListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.CallerAccount;
import dev.eksirsa.engine.aws.ConnectionResolver;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.aws.iam.ActualRole;
import dev.eksirsa.engine.aws.iam.DesiredRole;
import dev.eksirsa.engine.aws.iam.OidcProviderRef;
import dev.eksirsa.engine.aws.iam.PrincipalPropagation;
import dev.eksirsa.engine.aws.iam.RolePlan;
import dev.eksirsa.engine.aws.iam.RolePlanner;
import dev.eksirsa.engine.aws.iam.RoleReader;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyJson;
import dev.eksirsa.engine.aws.iam.policy.PolicyStatement;
import dev.eksirsa.engine.aws.iam.policy.TrustPolicies;
import dev.eksirsa.engine.kube.KubeWorkloads;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Steps 5-8 of the runbook, IAM side: the IRSA role trusted by the cluster's service accounts, its policies, the
 * roles it may assume, and cross-account target roles that trust exactly it. Reads everything, plans every
 * difference, checks the whole chain, then writes (unless dry run) — so bad input and a broken chain are refused
 * before the first write, and an unchanged setup issues reads only.
 */
public final class IrsaRoleReconciler {
    public static final String ASSUME_ROLES_POLICY = "EksIrsaAssumeRoles";

    private final AwsClients aws;
    private final ConnectionResolver targets;
    private final RecordingListener progress;
    private final PrincipalPropagation propagation;
    private final Supplier<KubeWorkloads> kube;

    public IrsaRoleReconciler(AwsClients aws, ProgressListener progress) {
        this(aws, new EnvironmentConnectionResolver(Map.of(), false), progress, PrincipalPropagation.standard());
    }

    /** @param targets resolves the connection of each target role against {@code aws}'s; the reconciler closes what it opened */
    public IrsaRoleReconciler(
            AwsClients aws, ConnectionResolver targets, ProgressListener progress, PrincipalPropagation propagation) {
        this(aws, targets, progress, propagation, null);
    }

    private IrsaRoleReconciler(
            AwsClients aws,
            ConnectionResolver targets,
            ProgressListener progress,
            PrincipalPropagation propagation,
            Supplier<KubeWorkloads> kube) {
        this.kube = kube;
        this.aws = aws;
        this.targets = targets;
        this.progress = progress instanceof RecordingListener r ? r : new RecordingListener(progress);
        this.propagation = propagation;
    }

    /**
     * Also annotates the service accounts (and restarts workloads when asked) through this cluster's client; the
     * reconciler closes each client it gets.
     */
    public IrsaRoleReconciler withKubernetes(Supplier<KubeWorkloads> value) {
        return new IrsaRoleReconciler(aws, targets, progress, propagation, value);
    }

    /** How often a run whose write lost a race with a parallel run reads and plans again before giving up. */
    static final int ATTEMPTS = 4;

    /**
     * Reads, plans, checks, writes. Parallel runs on the same role (parallel pipeline stages) converge: a write
     * that finds the work done by another run (EntityAlreadyExists, ConcurrentModification) makes this run read
     * and plan again, up to {@link #ATTEMPTS} times.
     */
    public IrsaRoleResult reconcile(IrsaRoleSpec spec) {
        spec.checkPartition(aws.partition());
        for (int attempt = 1; ; attempt++) {
            try {
                return reconcileOnce(spec);
            } catch (ConcurrentChangeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                progress.info("IAM role " + spec.roleName() + " was changed by another run meanwhile (" + e.getMessage()
                        + "); reading it again");
            }
        }
    }

    private IrsaRoleResult reconcileOnce(IrsaRoleSpec spec) {
        int warningsBefore = progress.warningCount();
        CompletableFuture<CallerAccount> callerAccount =
                Concurrently.start(() -> CallerAccount.of(aws, "IAM role " + spec.roleName()));
        boolean present = spec.state() != RoleState.ABSENT;
        // a role is read by its name: the reads need no account id and go out with the identity calls
        CompletableFuture<Optional<ActualRole>> actualRead =
                present ? Concurrently.start(() -> RoleReader.of(aws).read(spec.roleName())) : null;
        Map<TargetRoleSpec, CompletableFuture<Optional<ActualRole>>> targetReads = new ConcurrentHashMap<>();
        // the cluster's client (its endpoint is one more read) is opened meanwhile too
        CompletableFuture<KubeWorkloads> kubeOpening =
                kube == null || !present ? CompletableFuture.completedFuture(null) : Concurrently.start(kube::get);
        List<TargetRole> targets = new ArrayList<>();
        try {
            List<CompletableFuture<TargetRole>> opening = new ArrayList<>();
            for (TargetRoleSpec t : spec.targetRoles()) {
                opening.add(Concurrently.start(() -> open(t, present ? targetReads : null)));
            }
            RuntimeException failure = null;
            for (CompletableFuture<TargetRole> target : opening) {
                try {
                    targets.add(Concurrently.join(target));
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            CallerAccount account = Concurrently.join(callerAccount);
            if (failure != null) {
                throw failure;
            }
            String roleArn = DesiredRole.arn(account.partition(), account.accountId(), spec.path(), spec.roleName());
            return spec.state() == RoleState.ABSENT
                    ? remove(spec, roleArn, targets, warningsBefore)
                    : ensure(spec, account, roleArn, targets, warningsBefore, actualRead, targetReads, kubeOpening);
        } finally {
            targets.forEach(t -> t.aws().close());
            kubeOpening.thenAccept(client -> {
                if (client != null) {
                    client.close();
                }
            });
        }
    }

    /** Opens a target role's clients; with {@code readsAhead}, starts reading the role there at once. */
    private TargetRole open(TargetRoleSpec t, Map<TargetRoleSpec, CompletableFuture<Optional<ActualRole>>> readsAhead) {
        AwsClients clients =
                this.targets.resolve(t.connection(), aws.connection()).open();
        if (readsAhead != null) {
            readsAhead.put(t, Concurrently.start(() -> RoleReader.of(clients).read(t.roleName())));
        }
        try {
            CallerAccount ta = CallerAccount.of(clients, "target role " + t.roleName());
            return new TargetRole(
                    t, clients, ta, DesiredRole.arn(ta.partition(), ta.accountId(), t.path(), t.roleName()));
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    private IrsaRoleResult ensure(
            IrsaRoleSpec spec,
            CallerAccount account,
            String roleArn,
            List<TargetRole> targets,
            int warningsBefore,
            CompletableFuture<Optional<ActualRole>> actualRead,
            Map<TargetRoleSpec, CompletableFuture<Optional<ActualRole>>> readsAhead,
            CompletableFuture<KubeWorkloads> opening) {
        // what needs nothing from the provider goes on at once: the target roles' plans (they need only the IRSA
        // role's ARN) and the cluster's plan
        List<CompletableFuture<Optional<ActualRole>>> targetReads = new ArrayList<>();
        for (TargetRole target : targets) {
            targetReads.add(readsAhead.get(target.spec()));
        }
        CompletableFuture<List<RolePlan>> targetPlanning = Concurrently.start(() -> {
            Optional<ActualRole> irsaRole = Concurrently.join(actualRead);
            return planTargets(spec, targets, targetReads, irsaRole.isEmpty(), arnOf(irsaRole, roleArn));
        });
        CompletableFuture<KubePlan> kubePlanning = Concurrently.start(() -> {
            KubeWorkloads client = Concurrently.join(opening);
            return client == null
                    ? new KubePlan(List.of(), List.of())
                    : planKubernetes(spec, client, arnOf(Concurrently.join(actualRead), roleArn));
        });
        OidcProviderRef provider = OidcProviderRef.resolve(
                aws,
                spec.clusterName(),
                spec.oidcProviderArn(),
                spec.audience(),
                account.partition(),
                account.accountId(),
                progress);
        DesiredRole desired = desired(spec, roleArn, targets, provider);
        Optional<ActualRole> actual = Concurrently.join(actualRead);
        RolePlan rolePlan =
                RolePlanner.of(aws, account.partition(), progress).plan(actual, desired, spec.exclusive(), null);
        ChainCheck.webIdentity(roleArn, rolePlan.trustAfter(), provider, spec.serviceAccounts(), spec.audience());
        List<RolePlan> targetPlans = Concurrently.join(targetPlanning);
        return ensured(spec, rolePlan, targetPlans, Concurrently.join(kubePlanning), warningsBefore);
    }

    private static String arnOf(Optional<ActualRole> role, String otherwise) {
        return role.map(ActualRole::arn).orElse(otherwise);
    }

    private DesiredRole desired(IrsaRoleSpec spec, String roleArn, List<TargetRole> targets, OidcProviderRef provider) {
        List<String> targetArns = targets.stream().map(TargetRole::arn).toList();
        Map<String, PolicyDocument> inline =
                new LinkedHashMap<>(InlinePolicies.parse("inlinePolicies", spec.inlinePolicies()));
        Set<String> assumable = new LinkedHashSet<>(spec.assumeRoleArns());
        assumable.addAll(targetArns);
        if (!assumable.isEmpty()) {
            inline.put(
                    ASSUME_ROLES_POLICY, PolicyDocument.of(List.of(TrustPolicies.assumeRoles(List.copyOf(assumable)))));
        }
        ChainCheck.identity(inline.values(), targetArns);
        List<String> subjects =
                spec.serviceAccounts().stream().map(ServiceAccountRef::subject).toList();
        return new DesiredRole(
                spec.roleName(),
                roleArn,
                spec.path(),
                spec.description(),
                spec.maxSessionDuration(),
                spec.permissionsBoundary(),
                spec.tags(),
                spec.clusterName(),
                TrustPolicies.webIdentity(provider.arn(), provider.issuerHostPath(), subjects, spec.audience()),
                Set.copyOf(spec.policyArns()),
                inline);
    }

    private List<RolePlan> planTargets(
            IrsaRoleSpec spec,
            List<TargetRole> targets,
            List<CompletableFuture<Optional<ActualRole>>> targetReads,
            boolean irsaRoleCreated,
            String actualArn) {
        List<RolePlan> targetPlans = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetRole target = targets.get(i);
            Optional<ActualRole> targetActual = Concurrently.join(targetReads.get(i));
            TargetRoleSpec t = target.spec();
            PolicyStatement trust = TrustPolicies.crossAccount(actualArn, t.externalId());
            DesiredRole targetDesired = new DesiredRole(
                    t.roleName(),
                    target.arn(),
                    t.path(),
                    t.description() != null ? t.description() : "Cross-account role trusted by " + actualArn,
                    t.maxSessionDuration(),
                    null,
                    t.tags(),
                    spec.clusterName(),
                    List.of(trust),
                    Set.copyOf(t.policyArns()),
                    InlinePolicies.parse("targetRoles.inlinePolicies", t.inlinePolicies()));
            RolePlanner targetPlanner =
                    RolePlanner.of(target.aws(), target.account().partition(), progress);
            targetActual
                    .filter(r -> r.maxSessionDuration() != null
                            && r.maxSessionDuration() > TargetRoleSpec.CHAINED_SESSION_CAP)
                    .ifPresent(r -> progress.warn("IAM role " + r.arn() + " allows sessions of "
                            + r.maxSessionDuration() + " s, but sessions chained from " + actualArn
                            + " are capped at 1 hour by AWS; left as it is"));
            RolePlan plan = targetPlanner.plan(
                    targetActual, targetDesired, spec.exclusive(), irsaRoleCreated ? propagation : null);
            ChainCheck.crossAccount(plan.arn(), plan.trustAfter(), actualArn, t.externalId());
            targetPlans.add(plan);
        }
        return targetPlans;
    }

    /** The cluster's changes in the order they run, and which of them restart workloads. */
    private record KubePlan(List<PlannedChange> changes, List<PlannedChange> restarts) {}

    /** The service accounts' annotations, then the restarts of workloads whose pods run without the role. */
    private KubePlan planKubernetes(IrsaRoleSpec spec, KubeWorkloads client, String roleArn) {
        List<PlannedChange> accounts = client.serviceAccounts(progress)
                .plan(spec.serviceAccounts(), roleArn, spec.audience(), spec.kubernetes());
        Set<String> created = new LinkedHashSet<>();
        accounts.stream()
                .map(PlannedChange::change)
                .filter(c -> c.kind().equals("ServiceAccount") && c.action() == ChangeAction.CREATE)
                .forEach(c -> created.add(c.id()));
        // no pod runs under a service account that does not exist yet: nothing of it to restart
        List<ServiceAccountRef> existing = spec.serviceAccounts().stream()
                .filter(ref -> !created.contains(ref.toString()))
                .toList();
        List<PlannedChange> restarts = existing.isEmpty()
                ? List.of()
                : client.workloads(progress, Clock.systemUTC()).plan(existing, roleArn);
        List<PlannedChange> all = new ArrayList<>(accounts);
        if (spec.kubernetes().restartPods()) {
            all.addAll(restarts);
            return new KubePlan(all, restarts);
        }
        restarts.forEach(r -> progress.warn(r.change().kind() + "/" + r.change().id() + " runs pods created before"
                + " the service account had the role; they run without it until restarted (restartPods)"));
        return new KubePlan(all, List.of());
    }

    private IrsaRoleResult ensured(
            IrsaRoleSpec spec, RolePlan rolePlan, List<RolePlan> targetPlans, KubePlan kube, int warningsBefore) {
        List<PlannedChange> kubeChanges = kube.changes();
        List<PlannedChange> all = new ArrayList<>(rolePlan.changes());
        targetPlans.forEach(p -> all.addAll(p.changes()));
        all.addAll(kubeChanges);
        List<String> restarted = new ArrayList<>();
        if (!spec.dryRun()) {
            kube.restarts()
                    .forEach(r ->
                            restarted.add(r.change().kind() + "/" + r.change().id()));
        }
        if (all.isEmpty() || spec.dryRun()) {
            apply(spec, all);
        } else {
            // a new IRSA role first (the target roles' trust names it); then its policies, each target role and
            // the cluster's objects, which need nothing but it, at the same time
            List<PlannedChange> irsaChanges = rolePlan.changes();
            if (rolePlan.creates()) {
                irsaChanges.get(0).apply().run();
            }
            List<Runnable> afterwards = new ArrayList<>();
            afterwards.add(
                    rolePlan.creates()
                            ? () -> applyConcurrently(irsaChanges.subList(1, irsaChanges.size()))
                            : () -> PlannedChange.applyAll(irsaChanges, false));
            targetPlans.forEach(p -> afterwards.add(() -> applyRole(p)));
            afterwards.add(() -> PlannedChange.applyAll(kubeChanges, false));
            Concurrently.run(afterwards);
        }
        return new IrsaRoleResult(
                rolePlan.arn(),
                spec.roleName(),
                PolicyJson.toMap(rolePlan.trustAfter()),
                spec.serviceAccountNames(),
                targetPlans.stream().map(RolePlan::arn).toList(),
                rolePlan.creates(),
                !rolePlan.creates() && !all.isEmpty(),
                restarted,
                all.stream().map(PlannedChange::change).toList(),
                progress.warningsSince(warningsBefore),
                spec.dryRun());
    }

    /** A role's changes: a new role's creation first, then its policies at the same time; an update in order. */
    private static void applyRole(RolePlan plan) {
        if (!plan.creates()) {
            PlannedChange.applyAll(plan.changes(), false);
            return;
        }
        plan.changes().get(0).apply().run();
        applyConcurrently(plan.changes().subList(1, plan.changes().size()));
    }

    private static void applyConcurrently(List<PlannedChange> changes) {
        List<Runnable> writes = new ArrayList<>();
        changes.forEach(c -> writes.add(c.apply()));
        if (!writes.isEmpty()) {
            Concurrently.run(writes);
        }
    }

    private IrsaRoleResult remove(IrsaRoleSpec spec, String roleArn, List<TargetRole> targets, int warningsBefore) {
        List<PlannedChange> all = new ArrayList<>();
        List<String> targetArns = new ArrayList<>();
        for (TargetRole target : targets) {
            RolePlanner planner = RolePlanner.of(target.aws(), target.account().partition(), progress);
            RolePlan plan = planner.planRemoval(
                    RoleReader.of(target.aws()).read(target.spec().roleName()));
            all.addAll(plan.changes());
            targetArns.add(target.arn());
        }
        RolePlanner planner = RolePlanner.of(aws, Partitions.ofArn("roleArn", roleArn), progress);
        Optional<ActualRole> actual = RoleReader.of(aws).read(spec.roleName());
        RolePlan plan = planner.planRemoval(actual);
        all.addAll(plan.changes());
        if (kube == null) {
            apply(spec, all);
        } else {
            try (KubeWorkloads client = kube.get()) {
                String arn = actual.map(ActualRole::arn).orElse(roleArn);
                all.addAll(
                        0,
                        client.serviceAccounts(progress)
                                .planRemoval(spec.serviceAccounts(), arn, spec.audience(), spec.kubernetes()));
                apply(spec, all);
            }
        }
        return new IrsaRoleResult(
                plan.arn() == null ? roleArn : plan.arn(),
                spec.roleName(),
                plan.trustAfter() == null ? Map.of() : PolicyJson.toMap(plan.trustAfter()),
                spec.serviceAccountNames(),
                targetArns,
                false,
                !all.isEmpty(),
                List.of(),
                all.stream().map(PlannedChange::change).toList(),
                progress.warningsSince(warningsBefore),
                spec.dryRun());
    }

    private void apply(IrsaRoleSpec spec, List<PlannedChange> changes) {
        if (changes.isEmpty()) {
            progress.info("IAM role " + spec.roleName() + " is up to date");
            return;
        }
        if (spec.dryRun()) {
            progress.info("Dry run: " + changes.size() + " change(s) planned, nothing changed");
            changes.stream().map(PlannedChange::change).map(Change::toString).forEach(c -> progress.info("  " + c));
            return;
        }
        PlannedChange.applyAll(changes, false);
    }
}
