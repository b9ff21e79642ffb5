package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.cli.CliJvm.Run;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-irsa role} in its own JVM: spec file, JSON result, exit codes, refusals before any call. */
@RunsAgainst(Backend.SANDBOX_SDK)
class RoleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TUTORIAL_ROLE1_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::aws:policy/AmazonS3FullAccess\"}]}";
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
        Run cluster = cli("cluster", "--name", "cli-irsa", "--create", "--timeout", "20s");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void role_runbookSpec_createsChainThenRerunAndDryRunAreClean() throws Exception {
        Path spec = Files.writeString(
                dir.resolve("role.yaml"),
                """
                cluster: cli-irsa
                serviceAccounts: [harness-delegate-ng/delegate]
                roleName: Role-1
                policyArns: [arn:aws:iam::aws:policy/AmazonEC2FullAccess]
                inlinePolicies:
                  DescribeRegions: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ec2:DescribeRegions", Resource: "*"}]}
                targetRoles:
                  - roleName: Role-2
                    connection: {credentialsEnv: {accessKeyId: SECOND_KEY_ID, secretAccessKey: SECOND_SECRET}}
                    policyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]
                    externalId: ext-role-2
                """);

        // a real process, as the README's user runs it; the rest of the suite runs commands in-process
        Run created = jvm.inOwnProcess().run("role", "--spec", spec.toString(), "--output", "json");
        sandbox.calls().clear();
        Run rerun = cli("role", "--spec", spec.toString(), "--output", "json");
        int rerunWrites = sandbox.calls().mutating().size();
        Run check = cli("role", "--spec", spec.toString(), "--dry-run", "--detailed-exitcode");

        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode result = JSON.readTree(created.out());
        assertThat(result.get("roleArn").asText())
                .isEqualTo("arn:aws:iam::" + sandbox.primary().accountId() + ":role/Role-1");
        assertThat(result.get("targetRoleArns").get(0).asText())
                .isEqualTo("arn:aws:iam::" + sandbox.secondary().accountId() + ":role/Role-2");
        assertThat(result.get("trustPolicy").get("Statement").isArray()).isTrue();
        assertThat(result.get("created").asBoolean()).isTrue();
        assertThat(result.get("changes").findValuesAsText("kind")).contains("IamRole", "ServiceAccount");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(JSON.readTree(rerun.out()).get("changes")).isEmpty();
        assertThat(rerunWrites).isZero();
        assertThat(check.exit()).as(check.err()).isZero();
        for (Run run : List.of(created, rerun, check)) {
            assertThat(run.out() + run.err())
                    .doesNotContain(sandbox.primary().secretAccessKey())
                    .doesNotContain(sandbox.secondary().secretAccessKey());
        }
    }

    @Test
    void role_dryRunWithDetailedExitcode_exitsThreeWhenThePlanHasChanges() throws Exception {
        sandbox.calls().clear();

        Run plan = cli(
                "role",
                "--cluster",
                "cli-irsa",
                "--namespace",
                "apps",
                "--service-account",
                "web",
                "--dry-run",
                "--detailed-exitcode");

        assertThat(plan.exit()).as(plan.err()).isEqualTo(ExitCodes.DRIFT);
        assertThat(plan.out()).contains("would create IamRole");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void role_tutorialsBrokenPolicy_exitsTwoWithTheReasonBeforeAnyCall() throws Exception {
        Path policy = Files.writeString(dir.resolve("assume.json"), TUTORIAL_ROLE1_POLICY);
        sandbox.calls().clear();

        Run inline = cli(
                "role",
                "--cluster",
                "cli-irsa",
                "--namespace",
                "apps",
                "--service-account",
                "web",
                "--inline-policy",
                "AssumeRole2=" + policy,
                "--output",
                "json");
        Run assume = cli(
                "role",
                "--cluster",
                "cli-irsa",
                "--namespace",
                "apps",
                "--service-account",
                "web",
                "--assume-role-arn",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess",
                "--output",
                "json");

        assertThat(inline.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode error = JSON.readTree(inline.out()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("InvalidInput");
        assertThat(error.get("field").asText()).isEqualTo("inlinePolicies.AssumeRole2");
        assertThat(error.get("message").asText()).contains("is a managed policy ARN, not a role ARN");
        assertThat(assume.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(JSON.readTree(assume.out()).get("error").get("message").asText())
                .contains("assumeRoleArns takes role ARNs like arn:aws:iam::123456789012:role/name");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void role_badNames_exitTwoBeforeAnyCall() throws Exception {
        sandbox.calls().clear();

        Run ns = cli("role", "--cluster", "cli-irsa", "--namespace", "Bad_NS", "--service-account", "web");
        Run name = cli(
                "role",
                "--cluster",
                "cli-irsa",
                "--namespace",
                "apps",
                "--service-account",
                "web",
                "--role-name",
                "x".repeat(65));
        Run path = cli(
                "role", "--cluster", "cli-irsa", "--namespace", "apps", "--service-account", "web", "--path", "nope");

        assertThat(List.of(ns.exit(), name.exit(), path.exit())).containsOnly(ExitCodes.INVALID_INPUT);
        assertThat(ns.err()).contains("DNS-1123");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        return jvm.run(args);
    }
}
