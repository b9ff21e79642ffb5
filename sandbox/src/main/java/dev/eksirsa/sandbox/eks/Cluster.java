package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One EKS cluster. Identity and creation inputs are fixed; tags, node groups and access entries change under
 * this object's lock. {@link #endpoint(String)} and {@link #certificateAuthorityData(String)} are filled in
 * by the Kubernetes side when it starts the cluster's API server.
 */
public final class Cluster {
    private final String name;
    private final String arn;
    private final String accountId;
    private final String region;
    private final String id;
    private final String version;
    private final String platformVersion;
    private final String roleArn;
    private final VpcConfig vpcConfig;
    private final String serviceIpv4Cidr;
    private final AccessConfig accessConfig;
    private final String clientRequestToken;
    private final ClusterIssuer issuer;
    private final String creatorArn;
    private final String creatorPrincipalArn;
    private final Clock clock;

    private Lifecycle lifecycle;
    private boolean failed;
    private final Map<String, String> tags;
    private final Map<String, Nodegroup> nodegroups = new LinkedHashMap<>();
    private final Map<String, AccessEntry> accessEntries = new LinkedHashMap<>();
    private volatile String endpoint;
    private volatile String certificateAuthorityData;

    Cluster(ClusterSpec spec, ClusterIssuer issuer, Lifecycle lifecycle, Clock clock) {
        this.name = spec.name();
        this.arn = spec.arn();
        this.accountId = spec.accountId();
        this.region = spec.region();
        this.id = issuer.clusterId();
        this.version = spec.version();
        this.platformVersion = KubernetesVersions.platformVersion(spec.version());
        this.roleArn = spec.roleArn();
        this.vpcConfig = spec.vpcConfig();
        this.serviceIpv4Cidr = spec.serviceIpv4Cidr();
        this.accessConfig = spec.accessConfig();
        this.clientRequestToken = spec.clientRequestToken();
        this.creatorArn = spec.creatorArn();
        this.creatorPrincipalArn = spec.creatorPrincipalArn();
        this.tags = new LinkedHashMap<>(spec.tags());
        this.issuer = issuer;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /** The 32 upper-case hex digits EKS uses in the issuer URL and API endpoint host. */
    public String id() {
        return id;
    }

    public Instant createdAt() {
        return lifecycle().createdAt();
    }

    /** Test control: the cluster reports FAILED from now on, as EKS does when a creation or an update fails. */
    public synchronized void markFailed() {
        failed = true;
    }

    public ClusterStatus status() {
        Lifecycle current = lifecycle();
        synchronized (this) {
            if (failed) {
                return ClusterStatus.FAILED;
            }
        }
        if (current.deleting()) {
            return ClusterStatus.DELETING;
        }
        return current.active(clock.instant()) ? ClusterStatus.ACTIVE : ClusterStatus.CREATING;
    }

    public String version() {
        return version;
    }

    public String platformVersion() {
        return platformVersion;
    }

    public String roleArn() {
        return roleArn;
    }

    public VpcConfig vpcConfig() {
        return vpcConfig;
    }

    public boolean endpointPublicAccess() {
        return vpcConfig.endpointPublicAccess();
    }

    public boolean endpointPrivateAccess() {
        return vpcConfig.endpointPrivateAccess();
    }

    public String serviceIpv4Cidr() {
        return serviceIpv4Cidr;
    }

    public AccessConfig accessConfig() {
        return accessConfig;
    }

    public String clientRequestToken() {
        return clientRequestToken;
    }

    public ClusterIssuer issuer() {
        return issuer;
    }

    /** The ARN that called CreateCluster (for a role session, the {@code assumed-role} ARN). */
    public String creatorArn() {
        return creatorArn;
    }

    /** The IAM principal behind the creator: the role ARN for a role session, else the user ARN. */
    public String creatorPrincipalArn() {
        return creatorPrincipalArn;
    }

    public synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    public synchronized List<Nodegroup> nodegroups() {
        return List.copyOf(nodegroups.values());
    }

    public synchronized Optional<Nodegroup> nodegroup(String nodegroupName) {
        return Optional.ofNullable(nodegroups.get(nodegroupName));
    }

    public synchronized List<AccessEntry> accessEntries() {
        return List.copyOf(accessEntries.values());
    }

    public synchronized Optional<AccessEntry> accessEntry(String principalArn) {
        return Optional.ofNullable(accessEntries.get(principalArn));
    }

    /**
     * The access entry that applies to an authenticated identity: an IAM user ARN as is, or an STS
     * {@code assumed-role/<name>/<session>} ARN, which matches the entry of the role of that name in that
     * account whatever the role's path.
     */
    public synchronized Optional<AccessEntry> accessEntryForIdentity(String identityArn) {
        AccessEntry direct = accessEntries.get(identityArn);
        if (direct != null) {
            return Optional.of(direct);
        }
        return Principals.roleOfSession(identityArn).flatMap(role -> accessEntries.values().stream()
                .filter(e -> Principals.sameRole(e.principalArn(), role.accountId(), role.roleName()))
                .findFirst());
    }

    /** Whether the identity is the creator with bootstrap admin rights (visible as an entry or not). */
    public boolean isBootstrapAdmin(String identityArn) {
        if (!accessConfig.bootstrapClusterCreatorAdminPermissions()) {
            return false;
        }
        if (identityArn.equals(creatorArn) || identityArn.equals(creatorPrincipalArn)) {
            return true;
        }
        return Principals.roleOfSession(identityArn)
                .filter(role -> Principals.sameRole(creatorPrincipalArn, role.accountId(), role.roleName()))
                .isPresent();
    }

    /** {@code https://...} of the cluster's Kubernetes API, once the Kubernetes side has set it. */
    public String endpoint() {
        return endpoint;
    }

    public void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Base64 of the PEM of the cluster's CA, as in DescribeCluster's {@code certificateAuthority.data}. */
    public String certificateAuthorityData() {
        return certificateAuthorityData;
    }

    public void certificateAuthorityData(String data) {
        this.certificateAuthorityData = data;
    }

    synchronized Lifecycle lifecycle() {
        return lifecycle;
    }

    /** When the status last changed. */
    synchronized Instant modifiedAt() {
        if (lifecycle.deleting()) {
            return lifecycle.deletingSince();
        }
        return lifecycle.active(clock.instant()) ? lifecycle.activeAt() : lifecycle.createdAt();
    }

    /** Keeps the cluster CREATING at least until {@code instant}: the listeners that set its endpoint have run. */
    synchronized void activeNoEarlierThan(Instant instant) {
        if (lifecycle.activeAt().isBefore(instant) && !lifecycle.deleting()) {
            lifecycle = new Lifecycle(lifecycle.createdAt(), instant, null, null);
        }
    }

    synchronized void markDeleting(Instant now, Instant goneAt) {
        if (!lifecycle.deleting()) {
            lifecycle = lifecycle.deleting(now, goneAt);
        }
    }

    synchronized void putTags(Map<String, String> added) {
        tags.putAll(added);
    }

    synchronized void removeTags(List<String> keys) {
        keys.forEach(tags::remove);
    }

    synchronized void putNodegroup(Nodegroup nodegroup) {
        nodegroups.put(nodegroup.nodegroupName(), nodegroup);
    }

    /** Drops node groups whose deletion has completed and returns them. */
    synchronized List<Nodegroup> removeGoneNodegroups(Instant now) {
        List<Nodegroup> gone = new ArrayList<>();
        nodegroups.values().removeIf(n -> {
            if (n.lifecycle().gone(now)) {
                gone.add(n);
                return true;
            }
            return false;
        });
        return gone;
    }

    synchronized void putAccessEntry(AccessEntry entry) {
        accessEntries.put(entry.principalArn(), entry);
    }

    synchronized void removeAccessEntry(String principalArn) {
        accessEntries.remove(principalArn);
    }

    @Override
    public String toString() {
        return "Cluster[" + arn + ", " + status() + "]";
    }
}
