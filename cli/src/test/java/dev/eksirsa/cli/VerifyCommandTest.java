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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-irsa verify}: exit 0 passed, 1 not passed with the full result on stdout, 2 bad input. */
@RunsAgainst(Backend.SANDBOX_SDK)
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static CliJvm jvm;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        jvm = CliJvm.of(sandbox, dir);
        Run cluster = jvm.run("cluster", "--name", "cli-verify", "--create", "--timeout", "20s");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        Run role = jvm.run("role", "--cluster", "cli-verify", "--namespace", "apps", "--service-account", "web");
        assertThat(role.exit()).as(role.err()).isZero();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aWorkingChain_passes_exit0_andWritesBothReports() throws Exception {
        Path junit = dir.resolve("out/verify.xml");
        Path html = dir.resolve("out/verify.html");
        Run run = jvm.run(
                "verify",
                "--cluster",
                "cli-verify",
                "--namespace",
                "apps",
                "--service-account",
                "web",
                "--junit",
                junit.toString(),
                "--html",
                html.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("passed", "PASS live.webIdentity");
        assertThat(Files.readString(junit)).contains("<testsuite");
        assertThat(Files.readString(html)).contains("<svg").doesNotContain("<script");
    }

    @Test
    void aBrokenChain_exits1_withTheFullResultOnStdout() throws Exception {
        Run run = jvm.run(
                "verify",
                "--cluster",
                "cli-verify",
                "--namespace",
                "apps",
                "--service-account",
                "nobody",
                "--output",
                "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.has("error")).isFalse();
        assertThat(result.get("passed").asBoolean()).isFalse();
        assertThat(result.get("checks").get(0).get("id").asText()).isEqualTo("serviceAccount.exists");
        assertThat(result.get("checks").get(0).get("fix").asText()).contains("eks-irsa role");
    }

    @Test
    void anUnknownProbe_isBadInput_exit2() throws Exception {
        Run run = jvm.run(
                "verify",
                "--cluster",
                "cli-verify",
                "--namespace",
                "apps",
                "--service-account",
                "web",
                "--probe",
                "s3:DeleteBucket");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("probes[0]");
    }
}
