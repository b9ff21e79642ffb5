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

/** Flags and --spec are two spellings of one argument map: the same arguments give the same result map. */
@RunsAgainst(Backend.SANDBOX_SDK)
class SpecFlagParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static CliJvm cli;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        cli = CliJvm.of(sandbox, dir);
        Run cluster = cli.run("cluster", "--name", "parity", "--create", "--timeout", "20s");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void clusterDryRunPlan_isTheSameFromFlagsAndFromSpec() throws Exception {
        Path spec = Files.writeString(
                dir.resolve("cluster.yaml"),
                """
                name: parity-new
                create: true
                kubernetesVersion: "1.31"
                nodegroupName: workers
                instanceTypes: [m5.large, m5.xlarge]
                minSize: 1
                desiredSize: 2
                maxSize: 4
                tags: {team: platform, env: test}
                bootstrapClusterCreatorAdmin: false
                dryRun: true
                """);
        sandbox.calls().clear();

        Run fromFlags = cli.run(
                "cluster",
                "--name",
                "parity-new",
                "--create",
                "--kubernetes-version",
                "1.31",
                "--nodegroup-name",
                "workers",
                "--instance-type",
                "m5.large",
                "--instance-type",
                "m5.xlarge",
                "--min-size",
                "1",
                "--desired-size",
                "2",
                "--max-size",
                "4",
                "--tag",
                "team=platform",
                "--tag",
                "env=test",
                "--no-bootstrap-cluster-creator-admin",
                "--dry-run",
                "--output",
                "json");
        Run fromSpec = cli.run("cluster", "--spec", spec.toString(), "--output", "json");

        assertThat(fromFlags.exit()).as(fromFlags.err()).isZero();
        assertThat(fromSpec.exit()).as(fromSpec.err()).isZero();
        JsonNode plan = JSON.readTree(fromFlags.out());
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("changes")).isNotEmpty();
        assertThat(JSON.readTree(fromSpec.out())).isEqualTo(plan);
        assertThat(plan.get("changes").toString()).contains("creator is not made admin");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void roleResults_areTheSameFromFlagsAndFromSpec_planAndApply() throws Exception {
        Path policy = Files.writeString(
                dir.resolve("describe.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}");
        Path spec = Files.writeString(
                dir.resolve("role.yaml"),
                """
                cluster: parity
                namespace: apps
                serviceAccount: web
                roleName: parity-web
                policyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
                inlinePolicies:
                  describe: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeRegions", "Resource": "*"}]}
                tags: {team: platform}
                maxSessionDuration: 7200
                """);
        String[] flags = {
            "role",
            "--cluster",
            "parity",
            "--namespace",
            "apps",
            "--service-account",
            "web",
            "--role-name",
            "parity-web",
            "--policy-arn",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "--inline-policy",
            "describe=" + policy,
            "--tag",
            "team=platform",
            "--max-session-duration",
            "7200",
            "--output",
            "json"
        };

        Run planFromFlags = cli.run(append(flags, "--dry-run"));
        Run planFromSpec = cli.run("role", "--spec", spec.toString(), "--dry-run", "--output", "json");
        assertThat(planFromFlags.exit()).as(planFromFlags.err()).isZero();
        assertThat(JSON.readTree(planFromSpec.out())).isEqualTo(JSON.readTree(planFromFlags.out()));
        assertThat(JSON.readTree(planFromFlags.out()).get("changes")).isNotEmpty();

        Run applied = cli.run("role", "--spec", spec.toString(), "--output", "json");
        assertThat(applied.exit()).as(applied.err()).isZero();
        sandbox.calls().clear();
        Run againFromFlags = cli.run(flags);
        Run againFromSpec = cli.run("role", "--spec", spec.toString(), "--output", "json");
        assertThat(JSON.readTree(againFromSpec.out())).isEqualTo(JSON.readTree(againFromFlags.out()));
        assertThat(JSON.readTree(againFromFlags.out()).get("changes")).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    private static String[] append(String[] args, String extra) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }
}
