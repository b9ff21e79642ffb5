package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.eks.Cluster;
import dev.eksirsa.sandbox.eks.ClusterListener;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.log.CallLog;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Starts a Kubernetes API server for every EKS cluster created and stops it when the cluster is gone. */
public final class KubeApiServers implements ClusterListener, AutoCloseable {
    private final CertificateAuthority ca;
    private final CallLog log;
    private final EksTokenAuthenticator authenticator;
    private final Clock clock;
    private final Faults faults;
    private final Map<String, KubeApiServer> servers = new ConcurrentHashMap<>();

    public KubeApiServers(CertificateAuthority ca, CallLog log, EksTokenAuthenticator authenticator, Clock clock) {
        this(ca, log, authenticator, clock, new Faults());
    }

    public KubeApiServers(
            CertificateAuthority ca, CallLog log, EksTokenAuthenticator authenticator, Clock clock, Faults faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
        this.ca = Objects.requireNonNull(ca, "ca");
        this.log = Objects.requireNonNull(log, "log");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void created(Cluster cluster) {
        KubeApiServer server = start(KubeCluster.of(cluster), cluster.arn());
        cluster.certificateAuthorityData(server.certificateAuthorityData());
        cluster.endpoint(server.endpoint());
    }

    @Override
    public void deleted(Cluster cluster) {
        stop(cluster.arn());
    }

    /** Starts the API server of a cluster identified by {@code key} (the cluster ARN under EKS). */
    public KubeApiServer start(KubeCluster cluster, String key) {
        KubeApiServer server = KubeApiServer.start(cluster, ca, authenticator, log, clock, faults);
        KubeApiServer previous = servers.put(key, server);
        if (previous != null) {
            previous.close();
        }
        return server;
    }

    public void stop(String key) {
        KubeApiServer server = servers.remove(key);
        if (server != null) {
            server.close();
        }
    }

    /** Every running API server, with the key it was started under (the cluster ARN under EKS). */
    public Map<String, KubeApiServer> all() {
        return Map.copyOf(servers);
    }

    public Optional<KubeApiServer> find(String key) {
        return Optional.ofNullable(servers.get(key));
    }

    @Override
    public void close() {
        servers.keySet().forEach(this::stop);
    }
}
