package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class TokenRequestTest {
    private static KubeTestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("token-test");
        client = cluster.client();
        client.serviceAccounts()
                .inNamespace("default")
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("app")
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void tokenVerifiesAgainstTheIssuersJwksAndCarriesTheClaims() throws Exception {
        String uid = client.serviceAccounts()
                .inNamespace("default")
                .withName("app")
                .get()
                .getMetadata()
                .getUid();
        TokenRequest response = client.serviceAccounts()
                .inNamespace("default")
                .withName("app")
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withAudiences("sts.amazonaws.com")
                        .withExpirationSeconds(7200L)
                        .endSpec()
                        .build());
        String token = response.getStatus().getToken();
        assertThat(Instant.parse(response.getStatus().getExpirationTimestamp()))
                .isCloseTo(
                        Instant.now().plusSeconds(7200),
                        org.assertj.core.api.Assertions.within(Duration.ofSeconds(10)));

        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = (RSAKey) fetchJwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is in the issuer's JWKS").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(cluster.issuer.issuerUrl());
        assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:default:app");
        assertThat(claims.getAudience()).containsExactly("sts.amazonaws.com");
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(2));
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        @SuppressWarnings("unchecked")
        Map<String, Object> k8s = (Map<String, Object>) claims.getClaim("kubernetes.io");
        assertThat(k8s).containsEntry("namespace", "default");
        assertThat(k8s.get("serviceaccount")).isEqualTo(Map.of("name", "app", "uid", uid));

        CallRecord record = cluster.log
                .matching(r -> r.action().equals("create serviceaccounts/token"))
                .get(0);
        assertThat(record.mutating()).isFalse();
        assertThat(record.target()).isEqualTo("default/app");
        assertThat(record.status()).isEqualTo(201);
    }

    @Test
    void defaultsAreTheIssuerAudienceAndOneHour() throws Exception {
        TokenRequest response = client.serviceAccounts()
                .inNamespace("default")
                .withName("app")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().endSpec().build());
        JWTClaimsSet claims = SignedJWT.parse(response.getStatus().getToken()).getJWTClaimsSet();
        assertThat(claims.getAudience()).isEqualTo(List.of(cluster.issuer.issuerUrl()));
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void missingServiceAccountIs404() {
        assertThatThrownBy(() -> client.serviceAccounts()
                        .inNamespace("default")
                        .withName("nobody")
                        .tokenRequest(new TokenRequestBuilder()
                                .withNewSpec()
                                .endSpec()
                                .build()))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e ->
                        assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
    }

    private static JWKSet fetchJwks() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().sslContext(cluster.ca.clientTrusting()).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(cluster.issuer.jwksUri())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JWKSet.parse(response.body());
    }
}
