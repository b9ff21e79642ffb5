package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.log.CallLog;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import dev.eksirsa.sandbox.oidc.OidcIssuerServer;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One cluster's API server started directly through {@link KubeApiServers}, with the pieces it needs built by hand:
 * a CA, a credential store with an admin user (the cluster's creator), an OIDC issuer and a call log.
 */
final class KubeTestCluster implements AutoCloseable {
    static final String ACCOUNT = "111122223333";
    static final String ADMIN_ARN = "arn:aws:iam::" + ACCOUNT + ":user/admin";
    static final String OUTSIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/outsider";

    final String name;
    final CertificateAuthority ca = CertificateAuthority.create("kube-test");
    final CredentialStore credentials = new CredentialStore(Clock.systemUTC());
    final CallLog log = new CallLog();
    final Faults faults = new Faults();
    final OidcIssuerServer oidc;
    final ClusterIssuer issuer;
    final KubeApiServers servers;
    final KubeApiServer server;
    final IssuedCredentials admin;
    final IssuedCredentials outsider;
    final Set<String> accessEntries = ConcurrentHashMap.newKeySet();
    /** Identities admitted through an access entry with these access policies. */
    final Map<String, KubeAccess> accessPolicies = new ConcurrentHashMap<>();

    KubeTestCluster(String name) {
        this.name = name;
        this.oidc = OidcIssuerServer.start(ca, "us-east-1", null, false);
        this.issuer = oidc.register(Long.toHexString(System.nanoTime()).toUpperCase() + "ABCDEF");
        this.admin = credentials.issueUserKey(Caller.user(ACCOUNT, ADMIN_ARN, "AIDAADMIN"));
        this.outsider = credentials.issueUserKey(Caller.user(ACCOUNT, OUTSIDER_ARN, "AIDAOUTSIDER"));
        this.servers = new KubeApiServers(
                ca, log, new EksTokenAuthenticator(credentials, Clock.systemUTC()), Clock.systemUTC(), faults);
        this.server = servers.start(
                new KubeCluster(
                        name,
                        ACCOUNT,
                        "us-east-1",
                        issuer,
                        identity -> identity.equals(ADMIN_ARN) || accessEntries.contains(identity)
                                ? KubeAccess.CLUSTER_ADMIN
                                : accessPolicies.getOrDefault(identity, KubeAccess.NONE),
                        true),
                "arn:aws:eks:us-east-1:" + ACCOUNT + ":cluster/" + name);
    }

    static AwsCredentialsIdentity identity(IssuedCredentials issued) {
        return AwsCredentialsIdentity.create(issued.accessKeyId(), issued.secretAccessKey());
    }

    String adminToken() {
        return EksTokens.token(identity(admin), name);
    }

    KubernetesClient client() {
        return client(adminToken());
    }

    KubernetesClient client(String token) {
        Config config = new ConfigBuilder()
                .withMasterUrl(server.endpoint())
                .withCaCertData(server.certificateAuthorityData())
                .withOauthToken(token)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A kubeconfig with a static bearer token, as kubectl reads it. */
    Path kubeconfig(Path dir) {
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: " + name + "\n  cluster:\n    server: "
                + server.endpoint()
                + "\n    certificate-authority-data: " + server.certificateAuthorityData() + "\ncontexts:\n- name: "
                + name
                + "\n  context:\n    cluster: " + name + "\n    user: admin\ncurrent-context: " + name
                + "\nusers:\n- name: admin\n  user:\n    token: " + adminToken() + "\n";
        try {
            Path file = dir.resolve("kubeconfig");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw GET with the given Authorization header value (or none). */
    HttpResponse<String> get(String path, String authorization) {
        return send("GET", path, null, null, authorization);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String authorization) {
        HttpClient http =
                HttpClient.newBuilder().sslContext(ca.clientTrusting()).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        servers.close();
        oidc.close();
    }
}
