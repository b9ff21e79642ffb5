package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-irsa apply -f docs/examples/setup.yaml}: the whole runbook from one file against the sandbox. */
@RunsAgainst(Backend.SANDBOX_SDK)
class ApplyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static Map<String, String> env;
    private static Path setup;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        Path ca = Files.writeString(
                dir.resolve("ca.pem"), sandbox.certificateAuthority().rootPem());
        env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey());
        env.put("AWS_REGION", sandbox.region());
        env.put("AWS_ENDPOINT_URL", sandbox.awsEndpoint().toString());
        env.put("AWS_CA_BUNDLE", ca.toString());
        env.put("SECOND_ACCOUNT_KEY_ID", sandbox.secondary().accessKeyId());
        env.put("SECOND_ACCOUNT_SECRET", sandbox.secondary().secretAccessKey());
        env.put("HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey());
        // the shipped example, pointed at the sandbox's Harness account and manager
        String example = Files.readString(Path.of("..", "docs", "examples", "setup.yaml"));
        setup = Files.writeString(
                dir.resolve("setup.yaml"),
                example.replace(
                        "accountId: YOUR_HARNESS_ACCOUNT_ID",
                        "accountId: " + sandbox.harness().account().accountId() + "\nmanagerUrl: "
                                + sandbox.harness().uri()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private record Run(int exit, String out, String err) {}

    private static Run apply(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "apply";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.run(
                new CliIo(
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theExample_runsTheWholeRunbook_thenPlansNothing_andReRunsWithoutWrites() throws Exception {
        Run first = apply("-f", setup.toString(), "--output", "json");

        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode results = JSON.readTree(first.out());
        assertThat(results).hasSize(4);
        assertThat(results.get(2).path("result").path("connected").asBoolean()).isTrue();
        assertThat(results.get(2)
                        .path("result")
                        .path("connectors")
                        .get(1)
                        .path("status")
                        .asText())
                .isEqualTo("SUCCESS");
        assertThat(results.get(3).path("result").path("passed").asBoolean()).isTrue();
        assertThat(first.out() + first.err())
                .doesNotContain(sandbox.harness().account().apiKey())
                .doesNotContain(sandbox.secondary().secretAccessKey());

        Run plan = apply("-f", setup.toString(), "--dry-run", "--output", "json");
        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode planned = JSON.readTree(plan.out());
        for (int i = 0; i < 3; i++) {
            assertThat(planned.get(i).path("result").path("changes"))
                    .as(planned.get(i).toString())
                    .isEmpty();
        }
        assertThat(planned.get(3).path("skipped").asText()).contains("dry run");

        sandbox.calls().clear();
        Run again = apply("-f", setup.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(sandbox.calls().mutating()).allMatch(c -> c.action().contains("token"));
    }

    @Test
    void aReferenceToNothing_isBadInput_beforeAnyCall() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: irsaRole\ncluster: ${eksIrsaCluster.name}\n");
        sandbox.calls().clear();

        Run run = apply("-f", bad.toString(), "--output", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).contains("documents[0].cluster");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void documentsOfOneKind_runTogether_andAFailureStopsTheRunOnceTheirGroupIsDone() throws Exception {
        String roles = "";
        for (String name : List.of("par-a", "par-b", "par-c")) {
            roles += "---\nkind: irsaRole\ncluster: ${eksIrsaCluster.name}\n"
                    + "oidcProviderArn: ${eksIrsaCluster.oidcProviderArn}\nnamespace: par\nserviceAccount: " + name
                    + "\nroleName: " + name + "\n";
        }
        Path setup = Files.writeString(
                dir.resolve("parallel.yaml"), "kind: eksIrsaCluster\nname: par\ncreate: true\n" + roles);

        Run run = apply("-f", setup.toString(), "--parallel", "3", "--output", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out())).hasSize(4);
        for (String name : List.of("par-a", "par-b", "par-c")) {
            assertThat(sandbox.iam()
                            .requireAccount(sandbox.primary().accountId())
                            .role(name))
                    .as(name)
                    .isPresent();
        }
        assertThat(run.err()).contains("[documents[2]] ");

        Path failing = Files.writeString(
                dir.resolve("failing.yaml"),
                "kind: eksIrsaCluster\nname: par\n"
                        + roles.replace(
                                "roleName: par-b\n",
                                "roleName: par-b\npolicyArns: [arn:aws:iam::aws:policy/NoSuchPolicyAnywhere]\n")
                        + "---\nkind: eksIrsaCluster\nname: par-later\ncreate: true\n");
        sandbox.calls().clear();

        Run failed = apply("-f", failing.toString(), "--parallel", "3");

        assertThat(failed.exit()).isNotZero();
        assertThat(failed.out() + failed.err()).contains("NoSuchPolicyAnywhere");
        assertThat(sandbox.calls().matching(c -> c.action().equals("CreateCluster")))
                .as("the document after the failed group never ran")
                .isEmpty();
    }

    @Test
    void aParallelismBelowOne_isBadInput() throws Exception {
        Path setup = Files.writeString(dir.resolve("one.yaml"), "kind: eksIrsaCluster\nname: nothing\n");
        sandbox.calls().clear();

        Run run = apply("-f", setup.toString(), "--parallel", "0");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("parallel").contains("at least 1");
        assertThat(sandbox.calls().all()).isEmpty();
    }
}
