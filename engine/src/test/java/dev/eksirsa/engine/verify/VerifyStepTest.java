package dev.eksirsa.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.kube.EksClusterClients;
import dev.eksirsa.engine.kube.KubeClientOptions;
import dev.eksirsa.engine.steps.SandboxSteps;
import dev.eksirsa.engine.steps.StepContext;
import dev.eksirsa.engine.steps.StepFailedException;
import dev.eksirsa.engine.steps.Steps;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.AwsCli;
import dev.eksirsa.testkit.AwsKeys;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verifyIrsa against the sandbox: a correct setup passes; each way people break it is caught with its fix. */
@RunsAgainst(Backend.SANDBOX_SDK)
class VerifyStepTest {
    private static final String CLUSTER = "verify";
    private static final String NS = "apps";

    private static Sandbox sandbox;
    private static Map<String, StoredCredentials> credentials;
    private static Map<String, String> env;
    private static String role2;

    @BeforeAll
    static void setUp() {
        sandbox = SandboxAws.fastSandbox();
        credentials = SandboxSteps.credentials(sandbox);
        try {
            Path ca = Files.createTempFile("verify-ca", ".pem");
            ca.toFile().deleteOnExit();
            Files.writeString(ca, sandbox.certificateAuthority().rootPem());
            // the issuer's certificate chains to the sandbox's CA: the thumbprint check reaches it as on AWS
            env = Map.of("AWS_REGION", sandbox.region(), "AWS_CA_BUNDLE", ca.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        run("eksIrsaCluster", new LinkedHashMap<>(Map.of("name", CLUSTER, "create", true, "timeout", "30s")));
        role2 = (String) ((List<?>) role("good").get("targetRoleArns")).get(0);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static Map<String, Object> role(String serviceAccount) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("roleName", "verify-role-2-" + serviceAccount);
        target.put("connection", Map.of("credentialsId", "second"));
        target.put(
                "inlinePolicies",
                Map.of(
                        "regions",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}"));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", NS);
        args.put("serviceAccount", serviceAccount);
        args.put("targetRoles", List.of(target));
        return run("irsaRole", args);
    }

    private static Map<String, Object> run(String step, Map<String, Object> arguments) {
        return SandboxSteps.run(sandbox, env, step, arguments);
    }

    private static VerifyResult verify(String serviceAccount, Map<String, Object> more) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", NS);
        args.put("serviceAccount", serviceAccount);
        args.put("credentialsId", "primary");
        args.put("endpointUrl", sandbox.awsEndpoint().toString());
        args.put("timeout", "5s");
        args.putAll(more);
        return Steps.VERIFY.run(
                args, new StepContext(new EnvironmentConnectionResolver(env, false, credentials), env, null));
    }

    private static Check check(VerifyResult result, String id) {
        return result.checks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + result.checks()));
    }

    private static KubernetesClient kube(AwsClients aws) {
        return EksClusterClients.forCluster(aws, CLUSTER, KubeClientOptions.DEFAULTS);
    }

    private static AwsClients aws() {
        return SandboxAws.connection(sandbox, sandbox.primary()).open();
    }

    @Test
    void theCorrectSetup_passes_liveThroughBothHops_andIsReadOnly(@TempDir Path dir) throws Exception {
        long before =
                sandbox.calls().all().stream().mapToLong(CallRecord::seq).max().orElse(0);
        Path junit = dir.resolve("verify.xml");
        Path html = dir.resolve("verify.html");
        VerifyResult result = verify(
                "good",
                Map.of(
                        "assumeRoleArns", List.of(role2),
                        "probes", List.of("ec2:DescribeRegions"),
                        "junitFile", junit.toString(),
                        "htmlFile", html.toString()));

        assertThat(result.passed()).as(result.checks().toString()).isTrue();
        assertThat(check(result, "live.webIdentity").status()).isEqualTo(Check.Status.PASS);
        assertThat(check(result, "live.hop[0]").message()).contains(":assumed-role/verify-role-2-good/");
        assertThat(check(result, "hop[0].trust").status()).isEqualTo(Check.Status.SKIP);
        assertThat(result.identities()).hasSize(2);
        assertThat(sandbox.calls()
                        .matching(c ->
                                c.seq() > before && c.mutating() && !c.action().contains("token")))
                .as("read-only but for the TokenRequest")
                .isEmpty();
        String report = Files.readString(html);
        assertThat(report).contains("<svg", "ServiceAccount", "Role-2").doesNotContain("<script", "<style", "style=");
        assertThat(Files.readString(junit)).contains("<testsuite", "testcase", "live.webIdentity");
        String everything = report + Files.readString(junit) + result.toMap();
        assertThat(everything)
                .doesNotContain(sandbox.primary().secretAccessKey())
                .doesNotContain("eyJ");
    }

    @Test
    void anAnnotationTypo_isCaughtAsSuch() {
        try (AwsClients aws = aws();
                KubernetesClient kube = kube(aws)) {
            kube.serviceAccounts()
                    .inNamespace(NS)
                    .resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                            .withNewMetadata()
                            .withName("typo")
                            .addToAnnotations("eks.amazon.com/role-arn", "arn:aws:iam::111122223333:role/x")
                            .endMetadata()
                            .build())
                    .create();
        }
        VerifyResult result = verify("typo", Map.of());

        Check annotation = check(result, "serviceAccount.annotation");
        assertThat(annotation.status()).isEqualTo(Check.Status.FAIL);
        assertThat(annotation.message()).contains("eks.amazon.com/role-arn", "typo");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aTrustForAnotherServiceAccount_failsStaticallyAndLive_namingSub() {
        String roleArn = (String) role("moved").get("roleArn");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        try (AwsClients aws = aws()) {
            String trust = aws.iam().getRole(b -> b.roleName(roleName)).role().assumeRolePolicyDocument();
            String decoded = java.net.URLDecoder.decode(trust, java.nio.charset.StandardCharsets.UTF_8);
            aws.iam().updateAssumeRolePolicy(b -> b.roleName(roleName)
                    .policyDocument(
                            decoded.replace("system:serviceaccount:apps:moved", "system:serviceaccount:other:moved")));
        }
        VerifyResult result = verify("moved", Map.of());

        Check trust = check(result, "trust.webIdentity");
        assertThat(trust.status()).isEqualTo(Check.Status.FAIL);
        assertThat(trust.message()).contains("sub allows", "system:serviceaccount:other:moved");
        assertThat(check(result, "live.webIdentity").status()).isEqualTo(Check.Status.FAIL);
        assertThat(result.checks()).noneMatch(c -> c.id().equals("consistency"));
    }

    @Test
    @RunsAgainst({Backend.SANDBOX_SDK, Backend.AWS_CLI})
    void theTutorialsAssumeRoleOnAPolicyArn_isFlaggedOnTheHop(@TempDir Path dir) throws Exception {
        String roleArn = (String) role("tutorial").get("roleArn");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String hop = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/not-reachable";
        // Step 6 of the public tutorial, exactly: sts:AssumeRole whose Resource is a policy ARN, put with the AWS CLI
        Path policy = Files.writeString(
                dir.resolve("assume-role.json"),
                """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": "sts:AssumeRole",
                      "Resource": "arn:aws:iam::aws:policy/AmazonS3FullAccess"
                    }
                  ]
                }
                """);
        AwsCli cli = AwsCli.against(
                sandbox.awsEndpoint(),
                AwsKeys.of(sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey()),
                sandbox.region());
        var put = cli.run(
                "iam",
                "put-role-policy",
                "--role-name",
                roleName,
                "--policy-name",
                "AssumeRole2",
                "--policy-document",
                "file://" + policy);
        assertThat(put.exitCode()).as("%s", put).isZero();

        VerifyResult result = verify("tutorial", Map.of("assumeRoleArns", List.of(hop), "live", false));

        Check permission = check(result, "hop[0].permission");
        assertThat(permission.status()).isEqualTo(Check.Status.FAIL);
        assertThat(permission.message()).contains("AmazonS3FullAccess", "not a role ARN");
        assertThat(permission.fix()).contains(hop);
    }

    @Test
    void aPodStartedBeforeTheAnnotation_isCaughtWithTheRestartFix() {
        try (AwsClients aws = aws();
                KubernetesClient kube = kube(aws)) {
            kube.serviceAccounts()
                    .inNamespace(NS)
                    .resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                            .withNewMetadata()
                            .withName("early")
                            .endMetadata()
                            .build())
                    .create();
            kube.pods()
                    .inNamespace(NS)
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("early-pod")
                            .endMetadata()
                            .withNewSpec()
                            .withServiceAccountName("early")
                            .addNewContainer()
                            .withName("app")
                            .withImage("busybox")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
            kube.pods().inNamespace(NS).withName("early-pod").editStatus(p -> new PodBuilder(p)
                    .editOrNewStatus()
                    .withPhase("Running")
                    .endStatus()
                    .build());
        }
        role("early");
        VerifyResult result = verify("early", Map.of("live", false));

        Check pods = check(result, "pods.identity");
        assertThat(pods.status()).isEqualTo(Check.Status.FAIL);
        assertThat(pods.message()).contains("early-pod", "before the annotation");
        assertThat(pods.fix()).contains("rollout restart");
    }

    @Test
    void aWildcardUnderStringEquals_isNamedAsTheCause() {
        String roleArn = (String) role("wild").get("roleArn");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        try (AwsClients aws = aws()) {
            String trust = java.net.URLDecoder.decode(
                    aws.iam().getRole(b -> b.roleName(roleName)).role().assumeRolePolicyDocument(),
                    java.nio.charset.StandardCharsets.UTF_8);
            aws.iam().updateAssumeRolePolicy(b -> b.roleName(roleName)
                    .policyDocument(trust.replace("system:serviceaccount:apps:wild", "system:serviceaccount:apps:*")));
        }
        VerifyResult result = verify("wild", Map.of("live", false));

        assertThat(check(result, "trust.webIdentity").message()).contains("wildcard", "StringLike");
    }

    @Test
    void aFailedVerification_throughTheExecutionBody_failsTheStepWithTheFirstFinding() {
        Map<String, Object> args = new LinkedHashMap<>(
                Map.of("cluster", CLUSTER, "namespace", NS, "serviceAccount", "nobody", "live", false));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("verifyIrsa", args))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("serviceAccount.exists");
    }

    @Test
    void aStaleThumbprint_isAWarning_thatFailsOnlyWithFailOnWarning() {
        VerifyResult before = verify("good", Map.of("live", false));
        assertThat(check(before, "oidc.thumbprint").status()).isEqualTo(Check.Status.PASS);
        String provider = check(before, "oidc.thumbprint").resource();
        try (AwsClients aws = aws()) {
            List<String> original = aws.iam()
                    .getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(provider))
                    .thumbprintList();
            aws.iam().updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(provider)
                    .thumbprintList("0000000000000000000000000000000000000000"));
            try {
                VerifyResult stale = verify("good", Map.of("live", false));
                assertThat(check(stale, "oidc.thumbprint").status()).isEqualTo(Check.Status.WARN);
                assertThat(stale.passed()).isTrue();
                assertThat(verify("good", Map.of("live", false, "failOnWarning", true))
                                .passed())
                        .isFalse();
            } finally {
                aws.iam().updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(provider)
                        .thumbprintList(original));
            }
        }
    }
}
