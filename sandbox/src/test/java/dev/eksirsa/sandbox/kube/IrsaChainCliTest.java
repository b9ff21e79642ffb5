package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxFixtures;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.AwsCli;
import dev.eksirsa.testkit.AwsKeys;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.Kubectl;
import dev.eksirsa.testkit.RunsAgainst;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance flow with the AWS CLI v2 and kubectl only. */
@RunsAgainst({Backend.AWS_CLI, Backend.KUBECTL})
class IrsaChainCliTest {
    private static final String CLUSTER = "irsa-e2e";
    private static final String TRUST_EKS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    Path dir;

    @Test
    void serviceAccountTokenAssumesTheAnnotatedRoleOnly() throws Exception {
        try (Sandbox sandbox = SandboxFixtures.fastSandbox()) {
            SandboxAccount account = sandbox.primary();
            AwsCli aws = AwsCli.against(
                    sandbox.awsEndpoint(),
                    AwsKeys.of(account.accessKeyId(), account.secretAccessKey()),
                    sandbox.region());

            String clusterRole = ok(aws.run(
                            "iam",
                            "create-role",
                            "--role-name",
                            "e2e-cluster",
                            "--assume-role-policy-document",
                            TRUST_EKS))
                    .json()
                    .path("Role")
                    .path("Arn")
                    .asText();
            List<String> subnets = new ArrayList<>();
            ok(aws.run("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true"))
                    .json()
                    .path("Subnets")
                    .forEach(s -> subnets.add(s.path("SubnetId").asText()));
            ok(aws.run(
                    "eks",
                    "create-cluster",
                    "--name",
                    CLUSTER,
                    "--role-arn",
                    clusterRole,
                    "--resources-vpc-config",
                    "subnetIds=" + String.join(",", subnets.subList(0, 2))));
            JsonNode cluster = awaitActive(aws);
            String issuer = cluster.path("identity").path("oidc").path("issuer").asText();
            assertThat(cluster.path("endpoint").asText()).startsWith("https://127.0.0.1:");

            String provider = ok(aws.run(
                            "iam",
                            "create-open-id-connect-provider",
                            "--url",
                            issuer,
                            "--client-id-list",
                            "sts.amazonaws.com",
                            "--thumbprint-list",
                            sandbox.oidc().topCertificateThumbprint()))
                    .json()
                    .path("OpenIDConnectProviderArn")
                    .asText();
            String trust = SandboxFixtures.irsaTrust(
                    provider, issuer, "StringEquals", "system:serviceaccount:irsa:annotated", "sts.amazonaws.com");
            String roleArn = ok(aws.run(
                            "iam", "create-role", "--role-name", "e2e-app", "--assume-role-policy-document", trust))
                    .json()
                    .path("Role")
                    .path("Arn")
                    .asText();

            Path kubeconfig = dir.resolve("kubeconfig");
            ok(aws.run("eks", "update-kubeconfig", "--name", CLUSTER, "--kubeconfig", kubeconfig.toString()));
            Kubectl kubectl = Kubectl.with(kubeconfig).withEnv(aws.environment());

            ok(kubectl.run("create", "namespace", "irsa"));
            ok(kubectl.run("-n", "irsa", "create", "serviceaccount", "annotated"));
            ok(kubectl.run("-n", "irsa", "create", "serviceaccount", "plain"));
            ok(kubectl.run(
                    "-n", "irsa", "annotate", "serviceaccount", "annotated", "eks.amazonaws.com/role-arn=" + roleArn));
            String annotatedToken = ok(kubectl.run(
                            "-n", "irsa", "create", "token", "annotated", "--audience", "sts.amazonaws.com"))
                    .stdout()
                    .trim();
            String plainToken = ok(kubectl.run(
                            "-n", "irsa", "create", "token", "plain", "--audience", "sts.amazonaws.com"))
                    .stdout()
                    .trim();

            CliResult allowed = aws.run(
                    "sts",
                    "assume-role-with-web-identity",
                    "--role-arn",
                    roleArn,
                    "--role-session-name",
                    "annotated",
                    "--web-identity-token",
                    annotatedToken);
            assertThat(ok(allowed).json().path("AssumedRoleUser").path("Arn").asText())
                    .contains("assumed-role/e2e-app/annotated");
            CliResult denied = aws.run(
                    "sts",
                    "assume-role-with-web-identity",
                    "--role-arn",
                    roleArn,
                    "--role-session-name",
                    "plain",
                    "--web-identity-token",
                    plainToken);
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("AccessDenied");

            ok(kubectl.run(
                    "-n",
                    "irsa",
                    "run",
                    "app",
                    "--image=busybox",
                    "--overrides={\"spec\":{\"serviceAccountName\":\"annotated\"}}"));
            JsonNode pod = ok(kubectl.run("-n", "irsa", "get", "pod", "app", "-o", "json"))
                    .json();
            assertThat(pod.path("spec").path("containers").get(0).path("env").toString())
                    .contains("AWS_ROLE_ARN", roleArn, "AWS_WEB_IDENTITY_TOKEN_FILE");
            assertThat(pod.path("spec").path("volumes").toString()).contains("aws-iam-token", "sts.amazonaws.com");

            Path binding = dir.resolve("crb.yaml");
            String manifest =
                    """
                    apiVersion: rbac.authorization.k8s.io/%s
                    kind: ClusterRoleBinding
                    metadata:
                      name: irsa-view
                    roleRef:
                      apiGroup: rbac.authorization.k8s.io
                      kind: ClusterRole
                      name: view
                    subjects:
                    - kind: ServiceAccount
                      name: annotated
                      namespace: irsa
                    """;
            Files.writeString(binding, manifest.formatted("v1beta1"));
            assertThat(kubectl.run("apply", "--validate=false", "-f", binding.toString())
                            .exitCode())
                    .isNotZero();
            Files.writeString(binding, manifest.formatted("v1"));
            ok(kubectl.run("apply", "--validate=false", "-f", binding.toString()));

            List<CallRecord> kube = sandbox.calls().matching(r -> "kubernetes".equals(r.service()));
            assertThat(kube).anySatisfy(r -> {
                assertThat(r.action()).isEqualTo("create serviceaccounts/token");
                assertThat(r.cluster()).isEqualTo(CLUSTER);
                assertThat(r.principal()).isEqualTo(account.arn());
                assertThat(r.mutating()).isFalse();
            });
            assertThat(kube).anySatisfy(r -> {
                assertThat(r.action()).isEqualTo("patch serviceaccounts");
                assertThat(r.target()).isEqualTo("irsa/annotated");
                assertThat(r.mutating()).isTrue();
            });
        }
    }

    private static JsonNode awaitActive(AwsCli aws) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode cluster = ok(aws.run("eks", "describe-cluster", "--name", CLUSTER))
                    .json()
                    .path("cluster");
            if (cluster.path("status").asText().equals("ACTIVE") && cluster.hasNonNull("endpoint")) {
                return cluster;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("cluster never became ACTIVE with an endpoint");
    }

    private static CliResult ok(CliResult result) {
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }
}
