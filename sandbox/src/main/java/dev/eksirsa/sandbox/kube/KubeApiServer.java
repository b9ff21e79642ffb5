package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.log.CallLog;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import dev.eksirsa.sandbox.tls.ServerCredentials;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One cluster's Kubernetes API: the fabric8 mock in CRUD mode behind {@link KubeDispatcher}, served over TLS. */
public final class KubeApiServer implements AutoCloseable {
    // The mock logs every request at INFO; the call log is the sandbox's record. The reference is kept because
    // java.util.logging holds loggers weakly: a collected logger would come back at INFO.
    private static final java.util.logging.Logger MOCK_LOG = quietMockLog();

    private static java.util.logging.Logger quietMockLog() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(MockWebServer.class.getName());
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    private static final List<String> SYSTEM_NAMESPACES =
            List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final KubeCluster cluster;
    private final CrudStore store;
    private final ServiceAccountTokens tokens;
    private final MockWebServer mock;
    private final TlsFrontEnd frontEnd;
    private final String endpoint;
    private final String certificateAuthorityData;

    private KubeApiServer(
            KubeCluster cluster,
            CrudStore store,
            ServiceAccountTokens tokens,
            MockWebServer mock,
            TlsFrontEnd frontEnd,
            String certificateAuthorityData) {
        this.cluster = cluster;
        this.store = store;
        this.tokens = tokens;
        this.mock = mock;
        this.frontEnd = frontEnd;
        this.endpoint = "https://127.0.0.1:" + frontEnd.port();
        this.certificateAuthorityData = certificateAuthorityData;
    }

    static KubeApiServer start(
            KubeCluster cluster,
            CertificateAuthority ca,
            EksTokenAuthenticator authenticator,
            CallLog log,
            Clock clock,
            Faults faults) {
        InetAddress loopback = loopback();
        CrudStore store = new CrudStore(new KubernetesCrudDispatcher());
        PodAdmission admission = new PodAdmission(store, new IrsaWebhook(cluster.region()));
        Controllers controllers = new Controllers(store, new DeploymentController(store, admission, clock));
        ServiceAccountTokens tokens = new ServiceAccountTokens(cluster.issuer(), clock);
        DryRun dryRun = new DryRun(store, admission, clock);
        KubeDispatcher dispatcher = new KubeDispatcher(
                cluster,
                authenticator,
                log,
                store,
                tokens,
                new Patches(store, admission, clock),
                dryRun,
                new Writes(store, admission, dryRun, clock),
                controllers,
                faults);
        seed(store, controllers);
        MockWebServer mock = new MockWebServer();
        mock.setDispatcher(dispatcher);
        // The mock queues every request it served for takeRequest(); a long-running sandbox must not keep them all.
        dispatcher.afterEachRequest(() -> drain(mock));
        mock.start(loopback, 0);
        try {
            ServerCredentials credentials = ca.issueServerCertificate(
                    List.of("localhost", "kubernetes", "kubernetes.default.svc"), List.of(loopback.getHostAddress()));
            TlsFrontEnd frontEnd = TlsFrontEnd.start(
                    credentials.sslContext(), loopback, new InetSocketAddress(loopback, mock.getPort()));
            String caData = Base64.getEncoder().encodeToString(ca.rootPem().getBytes(StandardCharsets.US_ASCII));
            return new KubeApiServer(cluster, store, tokens, mock, frontEnd, caData);
        } catch (RuntimeException e) {
            mock.shutdown();
            throw e;
        }
    }

    private static void seed(CrudStore store, Controllers controllers) {
        for (String namespace : SYSTEM_NAMESPACES) {
            ObjectNode ns =
                    CrudStore.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", namespace);
            store.create("/api/v1/namespaces", ns);
            controllers.ensureNamespaceDefaults(namespace);
        }
    }

    private static void drain(MockWebServer mock) {
        try {
            while (mock.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The objects of a collection as another emulated service watching this cluster sees them (the Harness
     * emulator finds its delegates' pods this way), e.g. {@code /api/v1/pods} for every namespace.
     */
    public List<ObjectNode> list(String collectionPath) {
        CrudStore.Result result = store.call(io.fabric8.mockwebserver.dsl.HttpMethod.GET, collectionPath, null, null);
        List<ObjectNode> items = new java.util.ArrayList<>();
        if (result.ok()) {
            result.json().path("items").forEach(item -> {
                if (item instanceof ObjectNode object) {
                    items.add(object);
                }
            });
        }
        return items;
    }

    public java.util.Optional<ObjectNode> get(String objectPath) {
        return store.get(objectPath);
    }

    /** A service-account token as a projected volume would hold it (the kubelet's TokenRequest); empty if no such account. */
    public java.util.Optional<String> serviceAccountToken(String namespace, String name, String audience) {
        ObjectNode request = CrudStore.JSON.createObjectNode();
        request.putObject("spec").putArray("audiences").add(audience);
        ServiceAccountTokens.Answer answer = tokens.issue(
                namespace, name, store.get("/api/v1/namespaces/" + namespace + "/serviceaccounts/" + name), request);
        return answer.code() == 201 || answer.code() == 200
                ? java.util.Optional.of(
                        answer.body().path("status").path("token").asText())
                : java.util.Optional.empty();
    }

    public String clusterName() {
        return cluster.name();
    }

    /** {@code https://127.0.0.1:<port>}: DescribeCluster's {@code endpoint}. */
    public String endpoint() {
        return endpoint;
    }

    /** Base64 of the sandbox CA's root PEM: DescribeCluster's {@code certificateAuthority.data}. */
    public String certificateAuthorityData() {
        return certificateAuthorityData;
    }

    @Override
    public void close() {
        frontEnd.close();
        mock.shutdown();
    }

    @Override
    public String toString() {
        return "KubeApiServer[" + cluster.name() + " at " + endpoint + "]";
    }
}
