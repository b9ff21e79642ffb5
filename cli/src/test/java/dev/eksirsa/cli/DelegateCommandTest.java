package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.cli.CliJvm.Run;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-irsa delegate}: exit codes, the result on stdout even when a connector test fails, refusals. */
@RunsAgainst(Backend.SANDBOX_SDK)
class DelegateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static CliJvm jvm;
    private static String role2;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        jvm = CliJvm.of(sandbox, dir);
        Run cluster = jvm.run("cluster", "--name", "cli-delegate", "--create", "--timeout", "20s");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        Path spec = Files.writeString(
                dir.resolve("role.yaml"),
                """
                cluster: cli-delegate
                namespace: harness-delegate-ng
                serviceAccount: delegate
                targetRoles:
                  - roleName: cli-role-2
                    connection: {credentialsEnv: {accessKeyId: SECOND_KEY_ID, secretAccessKey: SECOND_SECRET}}
                    externalId: right-id
                    inlinePolicies:
                      regions: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ec2:DescribeRegions", Resource: "*"}]}
                """);
        Run role = jvm.run("role", "--spec", spec.toString(), "--output", "json");
        assertThat(role.exit()).as(role.err()).isZero();
        role2 = JSON.readTree(role.out()).get("targetRoleArns").get(0).asText();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Run delegate(String name, String externalId, String... more) throws Exception {
        String[] base = {
            "delegate",
            "--cluster",
            "cli-delegate",
            "--name",
            name,
            "--service-account",
            "delegate",
            "--account-id",
            sandbox.harness().account().accountId(),
            "--manager-url",
            sandbox.harness().uri().toString(),
            "--aws-connector",
            name.replace('-', '_'),
            "--cross-account-role-arn",
            role2,
            "--connector-external-id",
            externalId,
            "--test-connectors",
            "--timeout",
            "60s",
            "--output",
            "json"
        };
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return jvm.run(
                Map.of("HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey()), args);
    }

    @Test
    void aConnectorTestThatFails_exits1_withTheFullResultOnStdout() throws Exception {
        Run failed = delegate("cli-broken", "wrong-id");

        assertThat(failed.exit()).as(failed.err()).isEqualTo(ExitCodes.FAILURE);
        JsonNode result = JSON.readTree(failed.out());
        assertThat(result.has("error")).isFalse();
        assertThat(result.get("connected").asBoolean()).isTrue();
        assertThat(result.get("connectors").get(0).get("status").asText()).isEqualTo("FAILURE");
        assertThat(result.get("connectors").get(0).get("errors").toString()).contains("sts:AssumeRole");
        assertThat(failed.out() + failed.err())
                .doesNotContain(sandbox.harness().account().apiKey());
    }

    @Test
    void everythingAskedFor_succeeds_exit0() throws Exception {
        Run ok = delegate("cli-ok", "right-id");

        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(JSON.readTree(ok.out())
                        .get("connectors")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("SUCCESS");
        assertThat(ok.err())
                .contains("is connected to Harness")
                .doesNotContain(sandbox.harness().account().apiKey());
    }

    @Test
    void noApiKey_isInvalidInput_namingTheVariable_beforeAnyCall() throws Exception {
        sandbox.calls().clear();
        Run refused = jvm.run(
                "delegate",
                "--cluster",
                "cli-delegate",
                "--name",
                "nokey",
                "--account-id",
                "acc",
                "--manager-url",
                sandbox.harness().uri().toString(),
                "--output",
                "json");

        assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.out()).contains("apiKeyEnv", "HARNESS_PLATFORM_API_KEY");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }
}
