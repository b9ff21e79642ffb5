package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class KubeAuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KubeTestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("auth-test");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void fabric8WithAValidEksTokenListsNamespaces() {
        try (KubernetesClient client = cluster.client()) {
            List<String> names = client.namespaces().list().getItems().stream()
                    .map(Namespace::getMetadata)
                    .map(m -> m.getName())
                    .toList();
            assertThat(names).contains("default", "kube-system");
        }
        CallRecord last = cluster.log.all().get(cluster.log.all().size() - 1);
        assertThat(last.service()).isEqualTo("kubernetes");
        assertThat(last.action()).isEqualTo("list namespaces");
        assertThat(last.principal()).isEqualTo(KubeTestCluster.ADMIN_ARN);
        assertThat(last.account()).isEqualTo(KubeTestCluster.ACCOUNT);
        assertThat(last.cluster()).isEqualTo("auth-test");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.mutating()).isFalse();
    }

    @Test
    void anyStsHostNamedInTheTokenIsAccepted() {
        String token = EksTokens.token(
                KubeTestCluster.identity(cluster.admin), "auth-test", "sts.amazonaws.com", Instant.now());
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void tamperedTokenGets401() throws Exception {
        String token = cluster.adminToken();
        String url = new String(java.util.Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())));
        int sig = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(sig) == 'a' ? 'b' : 'a';
        String tampered = url.substring(0, sig) + flipped + url.substring(sig + 1);
        assertUnauthorized("k8s-aws-v1."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes()));
    }

    @Test
    void tokenOlderThanFifteenMinutesGets401() throws Exception {
        Instant sixteenMinutesAgo = Instant.now().minus(Duration.ofMinutes(16));
        assertUnauthorized(EksTokens.token(
                KubeTestCluster.identity(cluster.admin),
                "auth-test",
                "sts.us-east-1.amazonaws.com",
                sixteenMinutesAgo));
        Instant fourteenMinutesAgo = Instant.now().minus(Duration.ofMinutes(14));
        String stillValid = EksTokens.token(
                KubeTestCluster.identity(cluster.admin),
                "auth-test",
                "sts.us-east-1.amazonaws.com",
                fourteenMinutesAgo);
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + stillValid).statusCode())
                .isEqualTo(200);
    }

    @Test
    void tokenForAnotherClusterGets401() throws Exception {
        assertUnauthorized(EksTokens.token(KubeTestCluster.identity(cluster.admin), "other-cluster"));
    }

    @Test
    void malformedTokensGet401() throws Exception {
        assertUnauthorized("k8s-aws-v1.not-base64-!!");
        assertUnauthorized("k8s-aws-v1."
                + java.util.Base64.getUrlEncoder()
                        .encodeToString("https://sts.amazonaws.com/?Action=ListUsers".getBytes()));
        assertUnauthorized("some-other-token");
        HttpResponse<String> none = cluster.get("/api/v1/namespaces", null);
        assertThat(none.statusCode()).isEqualTo(401);
    }

    @Test
    void principalWithoutAccessEntryGets403AndWithOneGetsIn() throws Exception {
        String token = EksTokens.token(KubeTestCluster.identity(cluster.outsider), "auth-test");
        HttpResponse<String> response = cluster.get("/api/v1/namespaces/default/pods", "Bearer " + token);
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(status.path("message").asText()).contains(KubeTestCluster.OUTSIDER_ARN);

        cluster.accessEntries.add(KubeTestCluster.OUTSIDER_ARN);
        try {
            assertThat(cluster.get("/api/v1/namespaces/default/pods", "Bearer " + token)
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            cluster.accessEntries.remove(KubeTestCluster.OUTSIDER_ARN);
        }
    }

    @Test
    void accessPolicies_decideEachRequest_andADenialIsAKubernetesForbiddenStatusNamingUserVerbResourceAndNamespace()
            throws Exception {
        String token = "Bearer " + EksTokens.token(KubeTestCluster.identity(cluster.outsider), "auth-test");
        cluster.accessPolicies.put(
                KubeTestCluster.OUTSIDER_ARN,
                KubeAccess.policies(List.of(new dev.eksirsa.sandbox.eks.AssociatedPolicy(
                        AccessPolicyRules.PREFIX + "AmazonEKSViewPolicy",
                        new dev.eksirsa.sandbox.eks.AccessScope("namespace", List.of("apps")),
                        java.time.Instant.EPOCH,
                        java.time.Instant.EPOCH))));
        try {
            assertThat(cluster.get("/api/v1/namespaces/apps/pods", token).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> denied = cluster.send(
                    "POST",
                    "/api/v1/namespaces/apps/serviceaccounts/app/token",
                    "application/json",
                    "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}",
                    token);

            assertThat(denied.statusCode()).isEqualTo(403);
            JsonNode status = JSON.readTree(denied.body());
            assertThat(status.path("kind").asText()).isEqualTo("Status");
            assertThat(status.path("status").asText()).isEqualTo("Failure");
            assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
            assertThat(status.path("code").asInt()).isEqualTo(403);
            assertThat(status.path("message").asText())
                    .isEqualTo("serviceaccounts \"app\" is forbidden: User \"" + KubeTestCluster.OUTSIDER_ARN
                            + "\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace"
                            + " \"apps\"");
            assertThat(cluster.get("/api/v1/namespaces/other/pods", token).statusCode())
                    .isEqualTo(403);
            assertThat(cluster.get("/api", token).statusCode()).as("discovery").isEqualTo(200);
        } finally {
            cluster.accessPolicies.remove(KubeTestCluster.OUTSIDER_ARN);
        }
    }

    @Test
    void roleSessionIsAdmittedByItsSessionArnAndLoggedAsTheRole() {
        String roleArn = "arn:aws:iam::" + KubeTestCluster.ACCOUNT + ":role/ops/deployer";
        var session = cluster.credentials.issueSession(dev.eksirsa.sandbox.account.Caller.roleSession(
                KubeTestCluster.ACCOUNT,
                roleArn,
                "AROADEPLOYER",
                "ci",
                false,
                Instant.now().plusSeconds(3600)));
        var identity = software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        String token = EksTokens.token(identity, "auth-test");
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + token).statusCode())
                .isEqualTo(403);
        cluster.accessEntries.add(session.caller().arn());
        try {
            assertThat(cluster.get("/api/v1/namespaces", "Bearer " + token).statusCode())
                    .isEqualTo(200);
            assertThat(cluster.log.all().get(cluster.log.all().size() - 1).principal())
                    .isEqualTo(roleArn);
        } finally {
            cluster.accessEntries.remove(session.caller().arn());
        }
        var wrongSessionToken = software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(
                session.accessKeyId(), session.secretAccessKey(), "not-the-session-token");
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + EksTokens.token(wrongSessionToken, "auth-test"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void awsAuthConfigMapAdmitsMappedUsersAndRolesWithoutTheirPath() throws Exception {
        String userToken = EksTokens.token(KubeTestCluster.identity(cluster.outsider), "auth-test");
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + userToken).statusCode())
                .isEqualTo(403);
        String roleArn = "arn:aws:iam::" + KubeTestCluster.ACCOUNT + ":role/team/jenkins";
        var session = cluster.credentials.issueSession(dev.eksirsa.sandbox.account.Caller.roleSession(
                KubeTestCluster.ACCOUNT,
                roleArn,
                "AROAJENKINS",
                "build",
                false,
                Instant.now().plusSeconds(3600)));
        String roleToken = EksTokens.token(
                software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken()),
                "auth-test");
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + roleToken).statusCode())
                .isEqualTo(403);

        String awsAuth = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"aws-auth\","
                + "\"namespace\":\"kube-system\"},\"data\":{\"mapRoles\":\"- rolearn: arn:aws:iam::"
                + KubeTestCluster.ACCOUNT
                + ":role/jenkins\\n  username: jenkins\\n  groups:\\n  - system:masters\\n\",\"mapUsers\":"
                + "\"- userarn: " + KubeTestCluster.OUTSIDER_ARN + "\\n  username: outsider\\n\"}}";
        assertThat(cluster.send(
                                "POST",
                                "/api/v1/namespaces/kube-system/configmaps",
                                "application/json",
                                awsAuth,
                                "Bearer " + cluster.adminToken())
                        .statusCode())
                .isEqualTo(201);
        try {
            assertThat(cluster.get("/api/v1/namespaces", "Bearer " + userToken).statusCode())
                    .isEqualTo(200);
            assertThat(cluster.get("/api/v1/namespaces", "Bearer " + roleToken).statusCode())
                    .isEqualTo(200);
        } finally {
            cluster.send(
                    "DELETE",
                    "/api/v1/namespaces/kube-system/configmaps/aws-auth",
                    null,
                    null,
                    "Bearer " + cluster.adminToken());
        }
        assertThat(cluster.get("/api/v1/namespaces", "Bearer " + userToken).statusCode())
                .isEqualTo(403);
    }

    private static void assertUnauthorized(String token) throws Exception {
        HttpResponse<String> response = cluster.get("/api/v1/namespaces", "Bearer " + token);
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Unauthorized");
        assertThat(status.path("code").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("k8s-aws-v1");
    }
}
