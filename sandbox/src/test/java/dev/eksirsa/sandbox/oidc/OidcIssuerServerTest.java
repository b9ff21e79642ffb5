package dev.eksirsa.sandbox.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import dev.eksirsa.sandbox.tls.Thumbprints;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OidcIssuerServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CertificateAuthority CA = CertificateAuthority.create("oidc-test");
    private static final ConcurrentLinkedQueue<String> FETCHES = new ConcurrentLinkedQueue<>();
    private static OidcIssuerServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = OidcIssuerServer.start(CA, "eu-west-1", (path, status) -> FETCHES.add(status + " " + path));
        http = HttpClient.newBuilder()
                .sslContext(CA.clientTrusting())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void issuerUrlHasAwsShape() {
        ClusterIssuer issuer = server.register(clusterId());
        assertThat(server.host()).startsWith("127.0.0.");
        if (server.port() == 443) {
            assertThat(issuer.issuerUrl()).isEqualTo("https://" + server.host() + "/id/" + issuer.clusterId());
        } else {
            System.err.println("OIDC issuer could not bind port 443; using " + server.baseUrl());
            assertThat(issuer.issuerUrl())
                    .isEqualTo("https://127.0.0.1:" + server.port() + "/id/" + issuer.clusterId());
        }
        assertThat(issuer.hostAndPath())
                .isEqualTo(issuer.issuerUrl().substring(8))
                .doesNotEndWith("/");
        assertThat(issuer.toString()).contains(issuer.issuerUrl()).doesNotContain("\"d\"");
    }

    @Test
    void servesDiscoveryDocumentAsEksDoes() throws Exception {
        ClusterIssuer issuer = server.register(clusterId());
        HttpResponse<String> response = get(issuer.issuerUrl() + "/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> document = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
        assertThat(document)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "issuer", issuer.issuerUrl(),
                        "jwks_uri", issuer.issuerUrl() + "/keys",
                        "authorization_endpoint", "urn:kubernetes:programmatic_authorization",
                        "response_types_supported", List.of("id_token"),
                        "subject_types_supported", List.of("public"),
                        "claims_supported", List.of("sub", "iss"),
                        "id_token_signing_alg_values_supported", List.of("RS256")));
    }

    @Test
    void servesPublicJwksOnly() throws Exception {
        ClusterIssuer issuer = server.register(clusterId());
        HttpResponse<String> response = get(issuer.jwksUri());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode keys = JSON.readTree(response.body()).get("keys");
        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("kid").asText()).isEqualTo(issuer.keyId()).matches("[0-9a-f]{40}");
        assertThat(key.get("alg").asText()).isEqualTo("RS256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
        assertThat(JWKSet.parse(response.body()).getKeys().get(0).toRSAKey().size())
                .isEqualTo(2048);
    }

    @Test
    void signedTokenVerifiesAgainstJwksFetchedFromJwksUri() throws Exception {
        ClusterIssuer issuer = server.register(clusterId());
        String token = issuer.sign(claims(issuer.issuerUrl()));

        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(parsed.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);

        // As a relying party would: discovery first, then the JWKS it names, over HTTPS.
        String jwksUri = JSON.readTree(get(issuer.issuerUrl() + "/.well-known/openid-configuration")
                        .body())
                .get("jwks_uri")
                .asText();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                5000, 5000, 65536, true, CA.clientTrusting().getSocketFactory());
        JWKSource<SecurityContext> remote =
                JWKSourceBuilder.create(new URL(jwksUri), retriever).build();

        JWTClaimsSet verified = processor(remote, issuer.issuerUrl()).process(token, null);
        assertThat(verified.getSubject()).isEqualTo("system:serviceaccount:default:app");
        assertThat(verified.getIssuer()).isEqualTo(issuer.issuerUrl());
    }

    @Test
    void anotherClustersKeyDoesNotVerifyTheToken() throws Exception {
        ClusterIssuer signer = server.register(clusterId());
        ClusterIssuer other = server.register(clusterId());
        String token = signer.sign(claims(signer.issuerUrl()));

        JWKSet otherKeys = JWKSet.parse(get(other.jwksUri()).body());
        assertThat(otherKeys.getKeys().get(0).getKeyID()).isNotEqualTo(signer.keyId());
        assertThatThrownBy(() -> processor(new ImmutableJWKSet<>(otherKeys), signer.issuerUrl())
                        .process(token, null))
                .isInstanceOf(BadJOSEException.class);

        // Even when the other key is presented under the signer's kid, the signature does not check out.
        JWKSet impostor = new JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder(
                        otherKeys.getKeys().get(0).toRSAKey())
                .keyID(signer.keyId())
                .build());
        assertThatThrownBy(() -> processor(new ImmutableJWKSet<>(impostor), signer.issuerUrl())
                        .process(token, null))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void unknownClustersAndPathsAre404() throws Exception {
        ClusterIssuer issuer = server.register(clusterId());
        assertThat(get(server.baseUrl() + "/id/NOSUCHCLUSTER/.well-known/openid-configuration")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(server.baseUrl() + "/id/NOSUCHCLUSTER/keys").statusCode())
                .isEqualTo(404);
        assertThat(get(issuer.issuerUrl() + "/other").statusCode()).isEqualTo(404);
        assertThat(get(issuer.issuerUrl()).statusCode()).isEqualTo(404);
        assertThat(get(server.baseUrl() + "/").statusCode()).isEqualTo(404);

        server.unregister(issuer.clusterId());
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(404);
        assertThat(server.find(issuer.issuerUrl())).isEmpty();
    }

    @Test
    void listenerHearsEveryFetchWithItsStatus() throws Exception {
        ClusterIssuer issuer = server.register(clusterId());
        String path = "/id/" + issuer.clusterId();
        get(issuer.issuerUrl() + "/.well-known/openid-configuration");
        get(issuer.jwksUri() + "?cache=no");
        get(issuer.issuerUrl() + "/nothing");
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(issuer.jwksUri()))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);

        // Reported before the response is written, so no waiting is needed.
        assertThat(FETCHES)
                .contains(
                        "200 " + path + "/.well-known/openid-configuration",
                        "200 " + path + "/keys",
                        "404 " + path + "/nothing",
                        "405 " + path + "/keys");
    }

    @Test
    void findAcceptsUrlVariantsAndRegisterRejectsBadIds() {
        ClusterIssuer issuer = server.register(clusterId());
        assertThat(server.find(issuer.issuerUrl())).containsSame(issuer);
        assertThat(server.find(issuer.issuerUrl() + "/")).containsSame(issuer);
        assertThat(server.find(issuer.hostAndPath())).containsSame(issuer);
        assertThat(server.find("https://oidc.eks.eu-west-1.amazonaws.com/id/" + issuer.clusterId()))
                .isEmpty();
        assertThat(server.find(issuer.issuerUrl() + "/keys")).isEmpty();

        assertThatThrownBy(() -> server.register(issuer.clusterId())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.register("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.register("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presentsLeafIntermediateRootWithTheBoundIpInTheSans() throws Exception {
        assertThat(server.presentedChain()).hasSize(3);
        assertThat(server.presentedChain().get(2)).isEqualTo(CA.root());
        assertThat(server.topCertificateThumbprint()).isEqualTo(Thumbprints.sha1Hex(CA.root()));
        assertThat(server.presentedChain().get(0).getSubjectAlternativeNames().stream()
                        .map(entry -> String.valueOf(entry.get(1))))
                .contains(server.host(), "localhost", "oidc.eks.eu-west-1.amazonaws.com");
    }

    @Test
    void clientsNotTrustingTheSandboxCaAreRefused() {
        HttpClient stranger = HttpClient.newBuilder()
                .sslContext(CertificateAuthority.create("stranger").clientTrusting())
                .build();
        assertThatThrownBy(() -> stranger.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void fallsBackToAnEphemeralPortAndServersCoexist() throws Exception {
        try (OidcIssuerServer ephemeral = OidcIssuerServer.start(CA, "us-east-1", null, false);
                OidcIssuerServer second = OidcIssuerServer.start(CA, "us-east-1", OidcFetchListener.NONE)) {
            assertThat(ephemeral.host()).isEqualTo("127.0.0.1");
            assertThat(ephemeral.port()).isNotEqualTo(443).isPositive();
            assertThat(ephemeral.baseUrl()).isEqualTo("https://127.0.0.1:" + ephemeral.port());
            assertThat(Set.of(server.baseUrl(), ephemeral.baseUrl(), second.baseUrl()))
                    .hasSize(3);

            ClusterIssuer issuer = ephemeral.register("ABC123");
            assertThat(issuer.issuerUrl()).isEqualTo(ephemeral.baseUrl() + "/id/ABC123");
            assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
            ClusterIssuer sameIdElsewhere = second.register("ABC123");
            assertThat(get(sameIdElsewhere.jwksUri()).body()).contains(sameIdElsewhere.keyId());
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys, String issuer) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
        return processor;
    }

    private static JWTClaimsSet claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("system:serviceaccount:default:app")
                .audience("sts.amazonaws.com")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String clusterId() {
        return java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }
}
