package dev.eksirsa.sandbox.oidc;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import dev.eksirsa.sandbox.tls.ServerCredentials;
import dev.eksirsa.sandbox.tls.Thumbprints;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One HTTPS server hosting every cluster's issuer under {@code /id/<clusterId>}, like
 * {@code oidc.eks.<region>.amazonaws.com}. It presents leaf, intermediate and root of the given CA, so
 * {@link #topCertificateThumbprint()} is the root's SHA-1, as with AWS whose chain ends in a root.
 */
public final class OidcIssuerServer implements AutoCloseable {
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final String region;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final ServerCredentials credentials;
    private final String host;
    private final int port;
    private final String baseUrl;
    private final Map<String, ClusterIssuer> issuers = new ConcurrentHashMap<>();
    /** Deleted clusters' issuers too: the tokens they signed are still secrets. */
    private final List<ClusterIssuer> everRegistered = new CopyOnWriteArrayList<>();

    private final AtomicBoolean closed = new AtomicBoolean();

    private OidcIssuerServer(
            String region, HttpsServer server, ServerCredentials credentials, ExecutorService executor) {
        RsaKeyPool.start(); // the first cluster finds a key ready, as every later one does
        this.region = region;
        this.server = server;
        this.credentials = credentials;
        this.executor = executor;
        this.host = server.getAddress().getAddress().getHostAddress();
        this.port = server.getAddress().getPort();
        this.baseUrl = "https://" + host + (port == 443 ? "" : ":" + port);
    }

    /** Port 443 on a free 127.0.0.x when possible, else an ephemeral port on 127.0.0.1. */
    public static OidcIssuerServer start(CertificateAuthority ca, String region, OidcFetchListener listener) {
        return start(ca, region, listener, true);
    }

    /** As {@link #start(CertificateAuthority, String, OidcFetchListener)}; {@code preferPort443=false} skips 443. */
    public static OidcIssuerServer start(
            CertificateAuthority ca, String region, OidcFetchListener listener, boolean preferPort443) {
        Objects.requireNonNull(ca, "ca");
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("invalid region: " + region);
        }
        OidcFetchListener fetches = listener == null ? OidcFetchListener.NONE : listener;
        HttpsServer server = LoopbackBinding.bind(preferPort443);
        try {
            String ip = server.getAddress().getAddress().getHostAddress();
            // The AWS host name is in the SANs too, for clients pointed at the sandbox by name resolution.
            ServerCredentials credentials = ca.issueServerCertificate(
                    List.of("localhost", "oidc.eks." + region + ".amazonaws.com"), List.of(ip));
            server.setHttpsConfigurator(new HttpsConfigurator(credentials.sslContext()));
            ExecutorService executor =
                    Executors.newCachedThreadPool(daemonThreads("oidc-issuer-" + SERVERS.incrementAndGet()));
            server.setExecutor(executor);
            OidcIssuerServer issuerServer = new OidcIssuerServer(region, server, credentials, executor);
            server.createContext("/", new IssuerHandler(issuerServer::findByClusterId, fetches));
            server.start();
            return issuerServer;
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * A new issuer {@code https://<host>[:port]/id/<clusterId>} with its own RSA 2048 key.
     *
     * @throws IllegalArgumentException if the id is not 1-64 letters/digits
     * @throws IllegalStateException if the id is already registered
     */
    public ClusterIssuer register(String clusterId) {
        if (clusterId == null || !IssuerHandler.CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("cluster id must be 1-64 letters or digits: " + clusterId);
        }
        ClusterIssuer issuer = ClusterIssuer.generate(clusterId, baseUrl + "/id/" + clusterId);
        if (issuers.putIfAbsent(clusterId, issuer) != null) {
            throw new IllegalStateException("issuer already registered for cluster " + clusterId);
        }
        everRegistered.add(issuer);
        return issuer;
    }

    /** The issuer for a URL, with or without {@code https://} and a trailing slash. */
    public Optional<ClusterIssuer> find(String issuerUrl) {
        if (issuerUrl == null) {
            return Optional.empty();
        }
        String url = issuerUrl.startsWith("https://") ? issuerUrl : "https://" + issuerUrl;
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String prefix = baseUrl + "/id/";
        if (!url.startsWith(prefix)) {
            return Optional.empty();
        }
        return findByClusterId(url.substring(prefix.length()));
    }

    public Optional<ClusterIssuer> findByClusterId(String clusterId) {
        return Optional.ofNullable(issuers.get(clusterId));
    }

    /** Every JWT any cluster's issuer signed, deleted clusters' included. */
    public List<String> mintedTokens() {
        return everRegistered.stream().flatMap(i -> i.minted().stream()).toList();
    }

    /** Afterwards the cluster's documents answer 404. */
    public void unregister(String clusterId) {
        issuers.remove(clusterId);
    }

    /** The IP literal bound, e.g. {@code 127.0.0.10}. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String region() {
        return region;
    }

    /** {@code https://<host>} or {@code https://<host>:<port>}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The chain presented in the TLS handshake: leaf, intermediate, root. */
    public List<X509Certificate> presentedChain() {
        return credentials.chain();
    }

    /** SHA-1 (lower-case hex) of the last presented certificate: the thumbprint eksctl would register. */
    public String topCertificateThumbprint() {
        return Thumbprints.sha1Hex(credentials.top());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "OidcIssuerServer[" + baseUrl + ", " + issuers.size() + " issuers]";
    }
}
