package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.aws.iam.Tags;
import dev.eksirsa.engine.aws.iam.policy.RoleArns;
import dev.eksirsa.engine.kube.ServiceAccountOptions;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IRSA role: who may assume it (service accounts of a cluster), what it may do (managed and inline policies,
 * roles it may assume) and the cross-account roles that trust it. Everything is checked here, before any call.
 *
 * @param clusterName finds the issuer and provider; may be null when {@code oidcProviderArn} and {@code roleName}
 *     are given
 * @param roleName null for the default of {@link RoleNames#defaultName}
 * @param audience the {@code aud} the trust requires; null for {@code sts.amazonaws.com}
 * @param allowWildcards whether service accounts may be patterns ({@code ns/app-*}), matched with StringLike
 * @param exclusive on a role eks-irsa did not create, also remove policies and statements the spec does not name
 * @param kubernetes annotation options and restartPods, used when the reconciler has a Kubernetes client
 * @param connection the role's account, by reference
 * @param timeout the overall limit of the run; null for none (each wait keeps its own)
 */
public record IrsaRoleSpec(
        String clusterName,
        String oidcProviderArn,
        List<ServiceAccountRef> serviceAccounts,
        String roleName,
        String path,
        String description,
        Integer maxSessionDuration,
        String permissionsBoundary,
        Map<String, String> tags,
        List<String> policyArns,
        Map<String, String> inlinePolicies,
        List<String> assumeRoleArns,
        String audience,
        boolean allowWildcards,
        List<TargetRoleSpec> targetRoles,
        boolean exclusive,
        RoleState state,
        boolean dryRun,
        ServiceAccountOptions kubernetes,
        ConnectionRef connection,
        Duration timeout) {
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public IrsaRoleSpec {
        if (clusterName != null) {
            InputRules.clusterName("clusterName", clusterName);
        }
        if (oidcProviderArn != null) {
            IamNames.oidcProviderArn("oidcProviderArn", oidcProviderArn);
        }
        if (clusterName == null && oidcProviderArn == null) {
            throw new InvalidInputException("clusterName", "is required unless oidcProviderArn is given");
        }
        serviceAccounts = List.copyOf(serviceAccounts == null ? List.of() : serviceAccounts);
        if (serviceAccounts.isEmpty()) {
            throw new InvalidInputException("serviceAccounts", "name at least one namespace/name");
        }
        if (new HashSet<>(serviceAccounts).size() != serviceAccounts.size()) {
            throw new InvalidInputException("serviceAccounts", "lists a service account twice");
        }
        if (!allowWildcards && serviceAccounts.stream().anyMatch(ServiceAccountRef::isPattern)) {
            throw new InvalidInputException(
                    "serviceAccounts",
                    "contains a wildcard; set allowWildcards to trust a pattern of service accounts");
        }
        if (roleName == null) {
            if (clusterName == null) {
                throw new InvalidInputException("roleName", "is required when no clusterName is given");
            }
            if (serviceAccounts.get(0).isPattern()) {
                throw new InvalidInputException("roleName", "is required when the first service account is a pattern");
            }
            roleName = RoleNames.defaultName(clusterName, serviceAccounts.get(0));
        }
        IamNames.roleName("roleName", roleName);
        path = IamNames.path("path", path == null ? "/" : path);
        IamNames.description("description", description);
        IamNames.maxSessionDuration("maxSessionDuration", maxSessionDuration);
        if (permissionsBoundary != null) {
            IamNames.managedPolicyArn("permissionsBoundary", permissionsBoundary);
        }
        tags = Map.copyOf(Tags.validate("tags", tags));
        policyArns = List.copyOf(policyArns == null ? List.of() : policyArns);
        policyArns.forEach(p -> IamNames.managedPolicyArn("policyArns", p));
        inlinePolicies = Map.copyOf(inlinePolicies == null ? Map.of() : inlinePolicies);
        InlinePolicies.parse("inlinePolicies", inlinePolicies);
        assumeRoleArns = List.copyOf(assumeRoleArns == null ? List.of() : assumeRoleArns);
        for (String arn : assumeRoleArns) {
            if (!RoleArns.isRoleArn(arn)) {
                throw new InvalidInputException("assumeRoleArns", RoleArns.explain(arn, "assumeRoleArns"));
            }
        }
        audience = audience == null ? DEFAULT_AUDIENCE : audience;
        if (audience.isBlank() || audience.length() > 255 || audience.contains("*")) {
            throw new InvalidInputException("audience", "must be 1-255 characters without wildcards");
        }
        targetRoles = List.copyOf(targetRoles == null ? List.of() : targetRoles);
        Set<String> targetNames = new HashSet<>();
        for (TargetRoleSpec target : targetRoles) {
            if (!targetNames.add(target.roleName())) {
                throw new InvalidInputException("targetRoles", "names role " + target.roleName() + " twice");
            }
        }
        state = state == null ? RoleState.PRESENT : state;
        kubernetes = kubernetes == null ? ServiceAccountOptions.DEFAULTS : kubernetes;
        connection = connection == null ? ConnectionRef.DEFAULT : connection;
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new InvalidInputException("timeout", "must be positive");
        }
    }

    /** The one way text from outside (flags, {@code --spec}, Jenkins fields) becomes a spec; see {@link IrsaRoleArgs}. */
    public static IrsaRoleSpec fromArguments(Map<String, ?> raw) {
        return IrsaRoleArgs.parse(raw);
    }

    /**
     * Every ARN argument must be in the partition of the region the step runs in; AWS would refuse the others only
     * after earlier writes (or, for an assume-role target, write a policy nobody can use).
     */
    public void checkPartition(String partition) {
        inPartition("oidcProviderArn", oidcProviderArn, partition);
        inPartition("permissionsBoundary", permissionsBoundary, partition);
        for (int i = 0; i < policyArns.size(); i++) {
            inPartition("policyArns[" + i + "]", policyArns.get(i), partition);
        }
        for (int i = 0; i < assumeRoleArns.size(); i++) {
            inPartition("assumeRoleArns[" + i + "]", assumeRoleArns.get(i), partition);
        }
        inPartition("roleArn", connection.roleArn(), partition);
        for (int t = 0; t < targetRoles.size(); t++) {
            TargetRoleSpec target = targetRoles.get(t);
            for (int i = 0; i < target.policyArns().size(); i++) {
                inPartition(
                        "targetRoles[" + t + "].policyArns[" + i + "]",
                        target.policyArns().get(i),
                        partition);
            }
            inPartition(
                    "targetRoles[" + t + "].connection.roleArn",
                    target.connection().roleArn(),
                    partition);
        }
    }

    private static void inPartition(String field, String arn, String partition) {
        if (arn != null && !Partitions.ofArn(field, arn).equals(partition)) {
            throw new InvalidInputException(
                    field,
                    "is in partition " + Partitions.ofArn(field, arn) + ", but the step runs in " + partition
                            + " (the region's partition); every ARN must be of it");
        }
    }

    public IrsaRoleSpec withState(RoleState value) {
        return new IrsaRoleSpec(
                clusterName,
                oidcProviderArn,
                serviceAccounts,
                roleName,
                path,
                description,
                maxSessionDuration,
                permissionsBoundary,
                tags,
                policyArns,
                inlinePolicies,
                assumeRoleArns,
                audience,
                allowWildcards,
                targetRoles,
                exclusive,
                value,
                dryRun,
                kubernetes,
                connection,
                timeout);
    }

    public IrsaRoleSpec withDryRun(boolean value) {
        return new IrsaRoleSpec(
                clusterName,
                oidcProviderArn,
                serviceAccounts,
                roleName,
                path,
                description,
                maxSessionDuration,
                permissionsBoundary,
                tags,
                policyArns,
                inlinePolicies,
                assumeRoleArns,
                audience,
                allowWildcards,
                targetRoles,
                exclusive,
                state,
                value,
                kubernetes,
                connection,
                timeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> serviceAccountNames() {
        return serviceAccounts.stream().map(ServiceAccountRef::toString).toList();
    }

    /** Collects arguments by name, as the CLI and the Jenkins step have them; {@link #build()} validates. */
    public static final class Builder {
        private String clusterName;
        private String oidcProviderArn;
        private final List<ServiceAccountRef> serviceAccounts = new ArrayList<>();
        private String roleName;
        private String path;
        private String description;
        private Integer maxSessionDuration;
        private String permissionsBoundary;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final List<String> policyArns = new ArrayList<>();
        private final Map<String, String> inlinePolicies = new LinkedHashMap<>();
        private final List<String> assumeRoleArns = new ArrayList<>();
        private String audience;
        private boolean allowWildcards;
        private final List<TargetRoleSpec> targetRoles = new ArrayList<>();
        private boolean exclusive;
        private RoleState state;
        private boolean dryRun;
        private Boolean stsRegionalEndpoints;
        private Integer tokenExpiration;
        private boolean restartPods;
        private boolean overrideExisting;

        public Builder overrideExistingServiceAccounts(boolean v) {
            overrideExisting = v;
            return this;
        }

        private ConnectionRef connection;
        private Duration timeout;

        public Builder connection(ConnectionRef v) {
            connection = v;
            return this;
        }

        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        public Builder clusterName(String v) {
            clusterName = v;
            return this;
        }

        public Builder oidcProviderArn(String v) {
            oidcProviderArn = v;
            return this;
        }

        public Builder serviceAccount(String namespaceSlashName) {
            serviceAccounts.add(ServiceAccountRef.parse(namespaceSlashName));
            return this;
        }

        public Builder serviceAccount(String namespace, String name) {
            serviceAccounts.add(new ServiceAccountRef(namespace, name));
            return this;
        }

        public Builder roleName(String v) {
            roleName = v;
            return this;
        }

        public Builder path(String v) {
            path = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder maxSessionDuration(Integer v) {
            maxSessionDuration = v;
            return this;
        }

        public Builder permissionsBoundary(String v) {
            permissionsBoundary = v;
            return this;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public Builder policyArn(String v) {
            policyArns.add(v);
            return this;
        }

        public Builder inlinePolicy(String name, String json) {
            inlinePolicies.put(name, json);
            return this;
        }

        public Builder assumeRoleArn(String v) {
            assumeRoleArns.add(v);
            return this;
        }

        public Builder audience(String v) {
            audience = v;
            return this;
        }

        public Builder allowWildcards(boolean v) {
            allowWildcards = v;
            return this;
        }

        public Builder targetRole(TargetRoleSpec v) {
            targetRoles.add(v);
            return this;
        }

        public Builder exclusive(boolean v) {
            exclusive = v;
            return this;
        }

        public Builder state(RoleState v) {
            state = v;
            return this;
        }

        public Builder dryRun(boolean v) {
            dryRun = v;
            return this;
        }

        public Builder stsRegionalEndpoints(Boolean v) {
            stsRegionalEndpoints = v;
            return this;
        }

        public Builder tokenExpiration(Integer v) {
            tokenExpiration = v;
            return this;
        }

        public Builder restartPods(boolean v) {
            restartPods = v;
            return this;
        }

        public IrsaRoleSpec build() {
            return new IrsaRoleSpec(
                    clusterName,
                    oidcProviderArn,
                    serviceAccounts,
                    roleName,
                    path,
                    description,
                    maxSessionDuration,
                    permissionsBoundary,
                    tags,
                    policyArns,
                    inlinePolicies,
                    assumeRoleArns,
                    audience,
                    allowWildcards,
                    targetRoles,
                    exclusive,
                    state,
                    dryRun,
                    new ServiceAccountOptions(stsRegionalEndpoints, tokenExpiration, restartPods, overrideExisting),
                    connection,
                    timeout);
        }
    }
}
