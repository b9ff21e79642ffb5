package dev.eksirsa.engine.cluster;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.Ownership;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the cluster step should ensure. Creation inputs only matter with {@code create}; an existing cluster
 * is never reconfigured (differences are reported).
 *
 * @param kubernetesVersion null for EKS's default
 * @param subnetIds empty for the default VPC's default-for-az subnets
 * @param clusterRoleArn null to create {@code eks-irsa-<name>-cluster} with AmazonEKSClusterPolicy
 * @param accessPrincipalArns IAM roles or users to give cluster-admin through access entries
 * @param nodegroup null for none
 * @param pollInterval how often waits describe the resource
 * @param timeout the limit of each wait, and the overall budget of the run unless the caller passes a {@code Deadline}
 * @param connection the cluster's account, by reference
 * @param bootstrapClusterCreatorAdmin whether a new cluster makes its creator a cluster admin (EKS's default); off,
 *     access is only what {@code accessPrincipalArns} grant, and can be taken away
 */
public record ClusterSpec(
        String name,
        DesiredState state,
        boolean create,
        String kubernetesVersion,
        List<String> subnetIds,
        List<String> securityGroupIds,
        boolean endpointPublicAccess,
        boolean endpointPrivateAccess,
        Map<String, String> tags,
        String clusterRoleArn,
        List<String> accessPrincipalArns,
        NodegroupSpec nodegroup,
        boolean dryRun,
        Duration pollInterval,
        Duration timeout,
        ConnectionRef connection,
        boolean bootstrapClusterCreatorAdmin) {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(25);
    private static final int MAX_USER_TAGS = 40;

    public ClusterSpec {
        InputRules.clusterName("name", name);
        state = state == null ? DesiredState.PRESENT : state;
        if (kubernetesVersion != null) {
            InputRules.kubernetesVersion("kubernetesVersion", kubernetesVersion);
        }
        subnetIds = List.copyOf(subnetIds == null ? List.of() : subnetIds);
        subnetIds.forEach(id -> InputRules.subnetId("subnetIds", id));
        if (subnetIds.size() == 1 || subnetIds.size() > 16) {
            throw new InvalidInputException(
                    "subnetIds", "give none (default VPC) or 2-16 subnets in at least two zones");
        }
        securityGroupIds = List.copyOf(securityGroupIds == null ? List.of() : securityGroupIds);
        securityGroupIds.forEach(id -> InputRules.securityGroupId("securityGroupIds", id));
        if (securityGroupIds.size() > 5) {
            throw new InvalidInputException("securityGroupIds", "at most 5");
        }
        if (!endpointPublicAccess && !endpointPrivateAccess) {
            throw new InvalidInputException("endpointPublicAccess", "public or private endpoint access must be on");
        }
        tags = Map.copyOf(tags == null ? Map.of() : new LinkedHashMap<>(tags));
        if (tags.size() > MAX_USER_TAGS) {
            throw new InvalidInputException("tags", "at most " + MAX_USER_TAGS);
        }
        tags.forEach((k, v) -> {
            InputRules.tag("tags", k, v);
            if (Ownership.isReserved(k)) {
                throw new InvalidInputException("tags", "the keys managed-by and eks-irsa:* are reserved for eks-irsa");
            }
        });
        if (clusterRoleArn != null) {
            InputRules.roleArn("clusterRoleArn", clusterRoleArn);
        }
        accessPrincipalArns = List.copyOf(accessPrincipalArns == null ? List.of() : accessPrincipalArns);
        accessPrincipalArns.forEach(arn -> InputRules.principalArn("accessPrincipalArns", arn));
        pollInterval = pollInterval == null ? DEFAULT_POLL : pollInterval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (pollInterval.toMillis() < 10 || pollInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidInputException("pollInterval", "must be between 10ms and 5m");
        }
        if (timeout.compareTo(pollInterval) < 0 || timeout.compareTo(Duration.ofHours(3)) > 0) {
            throw new InvalidInputException("timeout", "must be at least the poll interval and at most 3h");
        }
        connection = connection == null ? ConnectionRef.DEFAULT : connection;
    }

    /** The one way text from outside (flags, {@code --spec}, Jenkins fields) becomes a spec; see {@link ClusterArgs}. */
    public static ClusterSpec fromArguments(java.util.Map<String, ?> raw) {
        return ClusterArgs.parse(raw);
    }

    /** Describe (and repair the OIDC provider of) an existing cluster, create nothing else. */
    public static ClusterSpec existing(String name) {
        return builder(name).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Optional arguments by name, as the CLI and the Jenkins step pass them. */
    public static final class Builder {
        private final String name;
        private DesiredState state = DesiredState.PRESENT;
        private boolean create;
        private String kubernetesVersion;
        private List<String> subnetIds = List.of();
        private List<String> securityGroupIds = List.of();
        private boolean endpointPublicAccess = true;
        private boolean endpointPrivateAccess;
        private Map<String, String> tags = Map.of();
        private String clusterRoleArn;
        private List<String> accessPrincipalArns = List.of();
        private NodegroupSpec nodegroup;
        private boolean dryRun;
        private Duration pollInterval;
        private Duration timeout;
        private ConnectionRef connection;
        private boolean bootstrapClusterCreatorAdmin = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder state(DesiredState value) {
            state = value;
            return this;
        }

        public Builder create(boolean value) {
            create = value;
            return this;
        }

        public Builder kubernetesVersion(String value) {
            kubernetesVersion = value;
            return this;
        }

        public Builder subnetIds(List<String> value) {
            subnetIds = value;
            return this;
        }

        public Builder securityGroupIds(List<String> value) {
            securityGroupIds = value;
            return this;
        }

        public Builder endpointPublicAccess(boolean value) {
            endpointPublicAccess = value;
            return this;
        }

        public Builder endpointPrivateAccess(boolean value) {
            endpointPrivateAccess = value;
            return this;
        }

        public Builder tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        public Builder clusterRoleArn(String value) {
            clusterRoleArn = value;
            return this;
        }

        public Builder accessPrincipalArns(List<String> value) {
            accessPrincipalArns = value;
            return this;
        }

        public Builder nodegroup(NodegroupSpec value) {
            nodegroup = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder bootstrapClusterCreatorAdmin(boolean value) {
            bootstrapClusterCreatorAdmin = value;
            return this;
        }

        public Builder connection(ConnectionRef value) {
            connection = value;
            return this;
        }

        public ClusterSpec build() {
            return new ClusterSpec(
                    name,
                    state,
                    create,
                    kubernetesVersion,
                    subnetIds,
                    securityGroupIds,
                    endpointPublicAccess,
                    endpointPrivateAccess,
                    tags,
                    clusterRoleArn,
                    accessPrincipalArns,
                    nodegroup,
                    dryRun,
                    pollInterval,
                    timeout,
                    connection,
                    bootstrapClusterCreatorAdmin);
        }
    }
}
