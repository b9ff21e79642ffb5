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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to {@code eks-irsa cluster}: exit 2, the JSON error names the field and the rule, and the sandbox
 * saw no call at all. Runs in-process: nothing here may get as far as needing credentials.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterCommandInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/ok";
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("name", "letters, digits", "--name", "bad_name!", "--create"),
                bad("region", "AWS region", "--region", "mars-north"),
                bad("kubernetesVersion", "minor version", "--create", "--kubernetes-version", "v1.31"),
                bad("clusterRoleArn", "IAM role ARN", "--create", "--cluster-role-arn", "arn:aws:iam::123:role/r"),
                bad(
                        "clusterRoleArn",
                        "IAM role ARN",
                        "--create",
                        "--cluster-role-arn",
                        "arn:aws-iso:iam::111122223333:role/r"),
                // valid ARNs of another partition than the region's
                bad(
                        "clusterRoleArn",
                        "partition aws",
                        "--create",
                        "--cluster-role-arn",
                        "arn:aws-cn:iam::111122223333:role/r"),
                bad(
                        "accessPrincipalArns",
                        "partition aws",
                        "--access-principal-arn",
                        "arn:aws-us-gov:iam::111122223333:user/u"),
                bad(
                        "accessPrincipalArns",
                        "role or user ARN",
                        "--access-principal-arn",
                        "arn:aws:iam::111122223333:group/g"),
                bad("nodeRoleArn", "IAM role ARN", "--create", "--nodegroup-name", "ng", "--node-role-arn", "role/x"),
                bad(
                        "subnetIds",
                        "subnet id",
                        "--create",
                        "--subnet-id",
                        "subnet-0123abcd",
                        "--subnet-id",
                        "subnet-XYZ"),
                bad("subnetIds", "two zones", "--create", "--subnet-id", "subnet-0123abcd"),
                bad("securityGroupIds", "security group id", "--create", "--security-group-id", "sg-1"),
                bad("instanceTypes", "instance type", "--create", "--nodegroup-name", "ng", "--instance-type", "big"),
                bad(
                        "minSize",
                        "must not exceed maxSize",
                        "--create",
                        "--nodegroup-name",
                        "ng",
                        "--min-size",
                        "3",
                        "--max-size",
                        "2"),
                bad(
                        "desiredSize",
                        "between minSize and maxSize",
                        "--create",
                        "--nodegroup-name",
                        "ng",
                        "--desired-size",
                        "9"),
                bad(
                        "maxSize",
                        "between 1 and",
                        "--create",
                        "--nodegroup-name",
                        "ng",
                        "--min-size",
                        "0",
                        "--desired-size",
                        "0",
                        "--max-size",
                        "0"),
                bad("minSize", "Invalid value", "--create", "--nodegroup-name", "ng", "--min-size", "two"),
                bad("desiredSize", "needs nodegroupName", "--create", "--desired-size", "4"),
                bad("tags", "reserved", "--create", "--tag", "managed-by=someone"),
                bad("state", "present or absent", "--state", "gone"),
                bad("roleArn", "IAM role ARN", "--role-arn", "arn:aws:iam::111122223333:user/u"),
                bad("duration", "between 15m and 12h", "--role-arn", ROLE, "--duration", "5m"),
                bad("duration", "a duration like", "--role-arn", ROLE, "--duration", "soon"),
                bad("sessionName", "2-64 characters", "--role-arn", ROLE, "--session-name", "a b"),
                bad("externalId", "2-1224 characters", "--role-arn", ROLE, "--external-id", "x"),
                bad("externalId", "is only used with roleArn", "--external-id", "ext-123"),
                bad("timeout", "a duration like", "--create", "--timeout", "20 minutes"),
                bad("endpointUrl", "http or https URL", "--endpoint-url", "ftp://host"),
                bad("detailedExitCode", "needs --dry-run", "--detailed-exitcode"),
                bad("writeKubeconfig", "is a directory", "--create", "--write-kubeconfig", "/tmp"),
                bad("writeKubeconfig", "does not exist", "--create", "--write-kubeconfig", "/no/such/dir/kubeconfig"),
                bad(
                        "clusterRoleArn",
                        "partition",
                        "--create",
                        "--cluster-role-arn",
                        "arn:aws-cn:iam::111122223333:role/r"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badInputs")
    void cluster_badInput_exitsTwoNamingFieldAndRuleWithoutAnyCall(String field, String rule, List<String> args)
            throws Exception {
        sandbox.calls().clear();

        Run run = cluster(args);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode error = JSON.readTree(run.out()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("InvalidInput");
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("message").asText()).contains(field, rule);
        assertThat(run.err()).contains("error: ");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void cluster_unknownOutputFormat_exitsTwoWithoutAnyCall() {
        sandbox.calls().clear();

        Run run = cluster(List.of("--output", "yaml"));

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--output must be text or json");
        assertThat(run.out()).isEmpty();
        assertThat(sandbox.calls().all()).isEmpty();
    }

    private static Arguments bad(String field, String rule, String... args) {
        return Arguments.of(field, rule, List.of(args));
    }

    record Run(int exit, String out, String err) {}

    /** Main.run in this JVM with stdout and stderr captured; the defaults point at the sandbox. */
    private static Run cluster(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("cluster"));
        if (!args.contains("--output")) {
            argv.addAll(List.of("--output", "json"));
        }
        if (!args.contains("--name")) {
            argv.addAll(List.of("--name", "input-check"));
        }
        if (!args.contains("--region")) {
            argv.addAll(List.of("--region", sandbox.region()));
        }
        if (!args.contains("--endpoint-url")) {
            argv.addAll(List.of("--endpoint-url", sandbox.awsEndpoint().toString()));
        }
        argv.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int exit;
        synchronized (System.class) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run(argv.toArray(String[]::new));
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
