package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.Kubectl;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-irsa cluster} and {@code token} in their own JVM, with credentials in the environment as users have. */
@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static Path caBundle;

    @TempDir
    static Path dir;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        caBundle = Files.writeString(
                dir.resolve("ca.pem"), sandbox.certificateAuthority().rootPem());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void cluster_createThenRerunThenDrift_jsonResultAndExitCodes() throws Exception {
        Run created = cli(
                "cluster",
                "--name",
                "cli-one",
                "--create",
                "--timeout",
                "20s",
                "--output",
                "json",
                "--tag",
                "team=platform");
        sandbox.calls().clear();
        Run rerun = cli("cluster", "--name", "cli-one", "--dry-run", "--detailed-exitcode", "--output", "json");
        int rerunWrites = sandbox.calls().mutating().size();
        JsonNode first = JSON.readTree(created.out());
        sandbox.calls().clear();
        deleteProvider(first.get("oidcProviderArn").asText());
        sandbox.calls().clear();
        Run drift = cli("cluster", "--name", "cli-one", "--dry-run", "--detailed-exitcode");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(first.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.get("created").asBoolean()).isTrue();
        assertThat(first.get("oidcProviderCreated").asBoolean()).isTrue();
        assertThat(first.get("changes").findValuesAsText("action")).contains("CREATE");
        assertThat(created.err()).contains("Waiting for EKS cluster \"cli-one\" to become ACTIVE");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(JSON.readTree(rerun.out()).get("changes")).isEmpty();
        assertThat(rerunWrites).isZero();
        assertThat(drift.exit()).as(drift.err()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drift.out()).contains("would create OidcProvider");
        assertThat(sandbox.calls().mutating()).isEmpty();
        for (Run run : List.of(created, rerun, drift)) {
            assertThat(run.out() + run.err()).doesNotContain(sandbox.primary().secretAccessKey());
        }
    }

    @Test
    void cluster_badSubnet_exitsTwoWithJsonErrorBeforeAnyCall() throws Exception {
        sandbox.calls().clear();

        Run run = cli(
                "cluster",
                "--name",
                "cli-bad",
                "--create",
                "--subnet-id",
                "subnet-1",
                "--subnet-id",
                "subnet-2",
                "--output",
                "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode error = JSON.readTree(run.out()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("InvalidInput");
        assertThat(error.get("field").asText()).isEqualTo("subnetIds");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void cluster_missingWithoutCreate_exitsOneNamingTheCluster() throws Exception {
        Run run = cli("cluster", "--name", "cli-none", "--output", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(JSON.readTree(run.out()).get("error").get("message").asText())
                .contains("EKS cluster \"cli-none\" not found");
    }

    @Test
    @RunsAgainst({Backend.SANDBOX_SDK, Backend.KUBECTL})
    void cluster_writeKubeconfig_kubectlWorksWithTheFileAndItHoldsNoSecret() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");

        Run run = cli(
                "cluster",
                "--name",
                "cli-kube",
                "--create",
                "--timeout",
                "20s",
                "--write-kubeconfig",
                kubeconfig.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String text = Files.readString(kubeconfig);
        assertThat(text)
                .contains(
                        "client.authentication.k8s.io/v1beta1",
                        "token",
                        "--cluster",
                        "cli-kube",
                        "--endpoint-url",
                        sandbox.awsEndpoint().toString(),
                        "certificate-authority-data")
                .doesNotContain(
                        sandbox.primary().secretAccessKey(), sandbox.primary().accessKeyId());
        // the exec entry runs this build's eks-irsa token (java -cp <classes> Main) with the user's credentials
        sandbox.calls().clear();
        Kubectl kubectl = Kubectl.with(kubeconfig).withEnv(credentialsEnv());
        CliResult namespaces = kubectl.run("get", "namespaces", "-o", "name");
        CliResult created = kubectl.run("create", "namespace", "from-kubeconfig");

        assertThat(namespaces.exitCode()).as("%s", namespaces).isZero();
        assertThat(namespaces.stdout()).contains("namespace/default");
        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(sandbox.calls().matching(r -> "kubernetes".equals(r.service()) && r.mutating()))
                .anySatisfy(r -> {
                    assertThat(r.cluster()).isEqualTo("cli-kube");
                    assertThat(r.principal()).isEqualTo(sandbox.primary().arn());
                });
    }

    @Test
    void cluster_callerWithoutAccessEntry_warnsHowToGrantItAndSucceeds() throws Exception {
        Run created = cli("cluster", "--name", "cli-access", "--create", "--timeout", "20s", "--output", "json");
        String ops = operatorRole("cli-ops");

        Run refused = cli("cluster", "--name", "cli-access", "--role-arn", ops, "--output", "json");
        Run granted = cli("cluster", "--name", "cli-access", "--access-principal-arn", ops, "--output", "json");
        Run admitted = cli("cluster", "--name", "cli-access", "--role-arn", ops, "--output", "json");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(JSON.readTree(created.out()).get("warnings")).isEmpty();
        assertThat(refused.exit()).as(refused.err()).isZero();
        assertThat(JSON.readTree(refused.out()).get("warnings").get(0).asText())
                .contains("403 Forbidden", "--access-principal-arn " + ops);
        assertThat(refused.err()).contains("--access-principal-arn " + ops);
        assertThat(granted.exit()).as(granted.err()).isZero();
        assertThat(admitted.exit()).as(admitted.err()).isZero();
        assertThat(JSON.readTree(admitted.out()).get("warnings")).isEmpty();
    }

    @Test
    void cluster_specFileWithFlagOverride_createsThenStateAbsentDeletesOnlyOurs() throws Exception {
        Path spec = Files.writeString(
                dir.resolve("cluster.yaml"),
                "name: cli-spec\ncreate: true\ntimeout: 20s\ntags:\n  team: platform\ndryRun: true\n");

        Run planned = cli("cluster", "--spec", spec.toString(), "--output", "json");
        Run created = cli("cluster", "--spec", spec.toString(), "--dry-run=false", "--output", "json");
        sandbox.calls().clear();
        Run deleted = cli("cluster", "--name", "cli-spec", "--state", "absent", "--timeout", "20s", "--output", "json");

        assertThat(planned.exit()).as(planned.err()).isZero();
        assertThat(JSON.readTree(planned.out()).get("status").asText()).isEqualTo("MISSING");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(JSON.readTree(created.out()).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(JSON.readTree(deleted.out()).get("changes").findValuesAsText("kind"))
                .containsExactly("EksCluster", "OidcProvider", "IamRole");
        assertThat(sandbox.calls().mutating())
                .extracting(r -> r.action())
                .contains("DeleteCluster", "DeleteOpenIDConnectProvider", "DeleteRole");
    }

    @Test
    void cluster_specFileWithUnknownKey_exitsTwo() throws Exception {
        Path spec = Files.writeString(dir.resolve("typo.yaml"), "name: x\nsubnetId: subnet-0123abcd\n");

        Run run = cli("cluster", "--spec", spec.toString(), "--output", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(JSON.readTree(run.out()).at("/error/field").asText()).isEqualTo("spec");
    }

    @Test
    void token_printsExecCredentialWithEksToken() throws Exception {
        Run run = cli("token", "--cluster", "any", "--region", sandbox.region());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode credential = JSON.readTree(run.out());
        assertThat(credential.get("kind").asText()).isEqualTo("ExecCredential");
        assertThat(credential.at("/status/token").asText()).startsWith("k8s-aws-v1.");
        assertThat(credential.at("/status/expirationTimestamp").asText()).endsWith("Z");
        assertThat(run.err()).isEmpty();
    }

    private static void deleteProvider(String arn) {
        try (var iam = software.amazon.awssdk.services.iam.IamClient.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                sandbox.primary().accessKeyId(),
                                sandbox.primary().secretAccessKey())))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build()) {
            iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        }
    }

    /** A role of the sandbox's primary account with AdministratorAccess in IAM, trusting the primary user. */
    private static String operatorRole(String name) {
        try (var iam = software.amazon.awssdk.services.iam.IamClient.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                sandbox.primary().accessKeyId(),
                                sandbox.primary().secretAccessKey())))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build()) {
            String arn = iam.createRole(b -> b.roleName(name)
                            .assumeRolePolicyDocument(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                            + "\"Principal\":{\"AWS\":\""
                                            + sandbox.primary().arn()
                                            + "\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
            iam.attachRolePolicy(b -> b.roleName(name).policyArn(Sandbox.ADMINISTRATOR_ACCESS));
            return arn;
        }
    }

    /** The credentials users have in their environment; passed on to processes, never printed. */
    private static Map<String, String> credentialsEnv() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey(),
                "AWS_REGION", sandbox.region(),
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", sandbox.awsEndpoint().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_PROXY") || k.endsWith("_proxy"));
        env.putAll(credentialsEnv());
        env.put("AWS_CA_BUNDLE", caBundle.toString());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("eks-irsa " + String.join(" ", args) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
