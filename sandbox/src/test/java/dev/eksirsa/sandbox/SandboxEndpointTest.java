package dev.eksirsa.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The endpoint's contract: call log, AWS-shaped errors, faults, eventual consistency, EC2 DryRun. */
@RunsAgainst(Backend.SANDBOX_SDK)
class SandboxEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;
    private static SandboxClients admin;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixtures.fastSandbox();
        admin = SandboxClients.admin(sandbox, sandbox.primary());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        sandbox.calls().clear();
    }

    private static String rootTrust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + sandbox.primary().accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static HttpResponse<String> http(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.awsEndpoint() + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callLog_recordsCallerTargetAndMutatingByRequest_andIsServedAsJson() throws Exception {
        try (IamClient iam = admin.iam()) {
            iam.createRole(b -> b.roleName("logged").assumeRolePolicyDocument(rootTrust()));
            iam.getRole(b -> b.roleName("logged"));
            assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName("missing")))
                    .isInstanceOf(AwsServiceException.class);
        }
        JsonNode calls =
                JSON.readTree(http("GET", "/_sandbox/calls", null).body()).path("calls");
        assertThat(calls).hasSize(3);
        JsonNode create = calls.get(0);
        assertThat(create.path("seq").asLong()).isPositive();
        assertThat(create.path("service").asText()).isEqualTo("iam");
        assertThat(create.path("action").asText()).isEqualTo("CreateRole");
        assertThat(create.path("account").asText()).isEqualTo(sandbox.primary().accountId());
        assertThat(create.path("principal").asText())
                .isEqualTo(sandbox.primary().arn());
        assertThat(create.path("target").asText()).endsWith(":role/logged");
        assertThat(create.path("status").asInt()).isEqualTo(200);
        assertThat(create.path("mutating").asBoolean()).isTrue();
        assertThat(calls.get(1).path("mutating").asBoolean()).isFalse();
        // mutating is decided by the request, not its effect: a failed DeleteRole still counts
        assertThat(calls.get(2).path("status").asInt()).isEqualTo(404);
        assertThat(calls.get(2).path("mutating").asBoolean()).isTrue();

        assertThat(http("DELETE", "/_sandbox/calls", null).statusCode()).isEqualTo(200);
        assertThat(sandbox.calls().all()).isEmpty(); // admin calls are not logged
    }

    @Test
    void unsignedOrGarbledRequests_getAwsShapedErrors_notServerErrors() throws Exception {
        HttpResponse<String> unsigned = http("POST", "/", "Action=CreateRole&Version=2010-05-08&RoleName=x");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body())
                .contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Message>");

        HttpRequest garbled = HttpRequest.newBuilder(sandbox.awsEndpoint())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20240101/us-east-1/iam/aws4_request")
                .header("X-Amz-Date", "20240101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetRole&Version=2010-05-08"))
                .build();
        HttpResponse<String> answer = HTTP.send(garbled, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isBetween(400, 499);
        assertThat(answer.body()).contains("<Code>").doesNotContain("Exception").doesNotContain("at dev.");

        try (IamClient iam = admin.iam()) {
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("bad name!").assumeRolePolicyDocument(rootTrust())))
                    .isInstanceOf(AwsServiceException.class)
                    .satisfies(e -> {
                        AwsServiceException aws = (AwsServiceException) e;
                        assertThat(aws.statusCode()).isEqualTo(400);
                        assertThat(aws.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(aws.getMessage()).contains("roleName");
                    });
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("malformed").assumeRolePolicyDocument("{not json")))
                    .satisfies(e -> assertThat(
                                    ((AwsServiceException) e).awsErrorDetails().errorCode())
                            .isEqualTo("MalformedPolicyDocument"));
        }
    }

    @Test
    void trustPolicyOverTheAccountQuota_isLimitExceeded() {
        try (IamClient iam = admin.iam()) {
            int quota = iam.getAccountSummary().summaryMapAsStrings().get("AssumeRolePolicySizeQuota");
            assertThat(quota).isEqualTo(2048);
            StringBuilder statements = new StringBuilder();
            for (int i = 0; statements.length() < quota; i++) {
                statements
                        .append(i == 0 ? "" : ",")
                        .append("{\"Sid\":\"S")
                        .append(i)
                        .append("\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::")
                        .append(sandbox.primary().accountId())
                        .append(":root\"},\"Action\":\"sts:AssumeRole\"}");
            }
            String oversized = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("too-big").assumeRolePolicyDocument(oversized)))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("ACLSizePerRole");
        }
    }

    @Test
    void throttlingFault_isRetriedBySdk_andLogged() {
        sandbox.faults().add(FaultRule.throttle("iam", "CreateRole", 2));
        try (IamClient iam = admin.iam()) {
            iam.createRole(b -> b.roleName("throttled").assumeRolePolicyDocument(rootTrust()));
        }
        List<Integer> statuses = sandbox.calls().matching(c -> c.action().equals("CreateRole")).stream()
                .map(CallRecord::status)
                .toList();
        assertThat(statuses).containsExactly(400, 400, 200);
    }

    @Test
    void serverErrorFault_answers5xxInTheServiceShape() {
        sandbox.faults().add(FaultRule.serverError("iam", "GetRole", 10));
        try (IamClient iam = admin.iam()) {
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("anything")))
                    .isInstanceOf(AwsServiceException.class)
                    .satisfies(e ->
                            assertThat(((AwsServiceException) e).statusCode()).isEqualTo(500));
        }
        assertThat(sandbox.calls().matching(c -> c.action().equals("GetRole"))).hasSizeGreaterThan(1);
    }

    @Test
    void iamPropagationDelay_deniesANewRoleUntilItHasPropagated() throws Exception {
        sandbox.faults().iamPropagationDelay(Duration.ofSeconds(2));
        String arn;
        try (IamClient iam = admin.iam()) {
            arn = iam.createRole(b -> b.roleName("fresh").assumeRolePolicyDocument(rootTrust()))
                    .role()
                    .arn();
        }
        Instant created = Instant.now();
        try (StsClient sts = admin.sts()) {
            assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("early")))
                    .satisfies(e -> assertThat(
                                    ((AwsServiceException) e).awsErrorDetails().errorCode())
                            .isEqualTo("AccessDenied"));
            Thread.sleep(Math.max(
                    0,
                    Duration.ofMillis(2200)
                            .minus(Duration.between(created, Instant.now()))
                            .toMillis()));
            assertThat(sts.assumeRole(b -> b.roleArn(arn).roleSessionName("later"))
                            .credentials()
                            .accessKeyId())
                    .startsWith("ASIA");
        }
    }

    @Test
    void ec2DryRun_isDecidedByPolicyEvaluation() throws Exception {
        try (Ec2Client ec2 = admin.ec2()) {
            assertThatThrownBy(() -> ec2.describeRegions(b -> b.dryRun(true))).satisfies(e -> assertThat(
                            ((AwsServiceException) e).awsErrorDetails().errorCode())
                    .isEqualTo("DryRunOperation"));
        }
        String noEc2;
        try (IamClient iam = admin.iam()) {
            noEc2 = iam.createRole(b -> b.roleName("no-ec2").assumeRolePolicyDocument(rootTrust()))
                    .role()
                    .arn();
            iam.attachRolePolicy(b -> b.roleName("no-ec2").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        }
        Credentials session;
        try (StsClient sts = admin.sts()) {
            session = sts.assumeRole(b -> b.roleArn(noEc2).roleSessionName("probe"))
                    .credentials();
        }
        try (Ec2Client ec2 = admin.as(session).ec2()) {
            assertThatThrownBy(() -> ec2.describeRegions(b -> b.dryRun(true))).satisfies(e -> assertThat(
                            ((AwsServiceException) e).awsErrorDetails().errorCode())
                    .isEqualTo("UnauthorizedOperation"));
        }
    }

    @Test
    void webIdentityCall_logsTheTokenSubjectAndTheIssuerFetches() {
        String issuer = SandboxFixtures.activeCluster(admin, "logging");
        String provider = SandboxFixtures.oidcProvider(admin, sandbox, issuer);
        String roleArn;
        try (IamClient iam = admin.iam()) {
            roleArn = iam.createRole(b -> b.roleName("logging-irsa")
                            .assumeRolePolicyDocument(SandboxFixtures.irsaTrust(
                                    provider,
                                    issuer,
                                    "StringEquals",
                                    "system:serviceaccount:ns:sa",
                                    SandboxFixtures.STS_AUDIENCE)))
                    .role()
                    .arn();
        }
        sandbox.calls().clear();
        String token = SandboxFixtures.serviceAccountToken(
                sandbox, issuer, "ns", "sa", SandboxFixtures.STS_AUDIENCE, Duration.ofHours(1));
        try (StsClient sts = admin.sts()) {
            sts.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("web").webIdentityToken(token));
        }
        CallRecord call =
                sandbox.calls().matching(c -> c.service().equals("sts")).get(0);
        assertThat(call.action()).isEqualTo("AssumeRoleWithWebIdentity");
        assertThat(call.principal()).isEqualTo("system:serviceaccount:ns:sa");
        assertThat(call.mutating()).isFalse();
        List<CallRecord> fetches = sandbox.calls().matching(c -> c.service().equals("oidc"));
        assertThat(fetches).isNotEmpty().noneMatch(CallRecord::mutating);
        assertThat(sandbox.calls().all().toString()).doesNotContain(token);
    }

    @Test
    void managedPolicies_areServedWithTheirStatements() {
        try (IamClient iam = admin.iam()) {
            var policy = iam.getPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"))
                    .policy();
            String document = java.net.URLDecoder.decode(
                    iam.getPolicyVersion(b -> b.policyArn(policy.arn()).versionId(policy.defaultVersionId()))
                            .policyVersion()
                            .document(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(document).contains("eks:DescribeCluster").contains("ec2:DescribeInstances");
            assertThat(iam.listPolicies(b -> b.scope("AWS")).policies())
                    .extracting(p -> p.policyName())
                    .contains(
                            "AmazonS3FullAccess",
                            "AmazonEKSClusterPolicy",
                            "AmazonEKS_CNI_Policy",
                            "AmazonEC2ContainerRegistryReadOnly");
        }
    }
}
