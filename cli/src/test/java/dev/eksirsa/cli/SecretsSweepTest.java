package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.IssuedSecret;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs eks-irsa as users do against one sandbox (the shipped setup file with {@code apply}, each step's command in
 * text and JSON, verify's reports, a kubeconfig, the {@code token} command, a dry run and a few failing runs) and
 * searches everything it printed, logged and wrote for every secret the sandbox handed out: none may appear, except
 * EKS bearer tokens in the {@code token} command's own output.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class SecretsSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private Map<String, String> env;
    /** Name (command and stream, or file) to what it held. */
    private final Map<String, String> captured = new LinkedHashMap<>();
    /** The streams allowed to hold an EKS bearer token: the token command's credential. */
    private final Set<String> tokenOutputs = new HashSet<>();

    private int runs;

    @Test
    void everythingPrintedLoggedOrWritten_holdsNoSecretTheSandboxHandedOut() throws Exception {
        StringBuilder log = new StringBuilder();
        Handler handler = capturing(log);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try (Sandbox started = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(200))
                .withNodegroupActivationDelay(Duration.ofMillis(200)))) {
            sandbox = started;
            env = environment();
            runTheWholeFlow();
            captured.put("java.util.logging", log.toString());
            for (Path file : filesWritten()) {
                captured.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
            List<IssuedSecret> secrets = sandbox.issuedSecrets();

            List<String> hits = search(secrets);

            Map<IssuedSecret.Kind, Long> kinds =
                    secrets.stream().collect(Collectors.groupingBy(IssuedSecret::kind, Collectors.counting()));
            assertThat(kinds).as("secrets of every kind were handed out").hasSize(IssuedSecret.Kind.values().length);
            assertThat(secrets).hasSizeGreaterThanOrEqualTo(20);
            assertThat(captured.keySet().stream().filter(k -> !k.contains(" ")))
                    .as("the files written")
                    .contains("kubeconfig", "junit.xml", "report.html");
            String summary = "Secrets: " + secrets.size() + " searched in " + captured.size() + " files/streams, "
                    + hits.size() + " hits";
            System.out.println(summary + " " + kinds);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "secrets-sweep.txt"), summary + "\n" + kinds + "\n");
            assertThat(hits).as(summary).isEmpty();
        } finally {
            root.removeHandler(handler);
        }
    }

    private void runTheWholeFlow() throws Exception {
        Path setup = setupFile();
        expect(0, "apply", "-f", setup.toString(), "--output", "json");
        expect(0, "apply", "-f", setup.toString());
        expect(0, "apply", "-f", setup.toString(), "--dry-run", "--output", "json");

        Path kubeconfig = dir.resolve("kubeconfig");
        String cluster = expect(0, "cluster", "--name", "prod", "--output", "json");
        expect(0, "cluster", "--name", "prod", "--write-kubeconfig", kubeconfig.toString());
        Path roleSpec = Files.writeString(
                dir.resolve("role.yaml"),
                """
                cluster: prod
                namespace: harness-delegate-ng
                serviceAccount: harness-delegate
                roleName: prod-harness-delegate
                targetRoles:
                  - roleName: prod-cross-account
                    externalId: harness-delegate
                    connection:
                      credentialsEnv: {accessKeyId: SECOND_ACCOUNT_KEY_ID, secretAccessKey: SECOND_ACCOUNT_SECRET}
                    policyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
                    inlinePolicies:
                      describe-regions: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ec2:DescribeRegions", Resource: "*"}]}
                """);
        String role = expect(0, "role", "--spec", roleSpec.toString(), "--output", "json");
        expect(0, "role", "--spec", roleSpec.toString());
        expect(0, "role", "--spec", roleSpec.toString(), "--dry-run", "--output", "json");
        String roleTwo = JSON.readTree(role).path("targetRoleArns").get(0).asText();

        List<String> delegate = List.of(
                "delegate",
                "--cluster",
                "prod",
                "--name",
                "prod-delegate",
                "--service-account",
                "harness-delegate",
                "--account-id",
                sandbox.harness().account().accountId(),
                "--manager-url",
                sandbox.harness().uri().toString(),
                "--aws-connector",
                "prod_aws",
                "--cross-account-role-arn",
                roleTwo,
                "--test-connectors",
                "--timeout",
                "60s");
        expect(0, plus(delegate, "--connector-external-id", "harness-delegate", "--output", "json"));
        expect(0, plus(delegate, "--connector-external-id", "harness-delegate"));
        expect(0, plus(delegate, "--connector-external-id", "harness-delegate", "--dry-run"));

        List<String> verify = List.of(
                "verify",
                "--cluster",
                "prod",
                "--namespace",
                "harness-delegate-ng",
                "--service-account",
                "harness-delegate",
                "--assume-role-arn",
                roleTwo,
                "--probe",
                "ec2:DescribeRegions");
        expect(
                0,
                plus(
                        verify,
                        "--hop-external-id",
                        "harness-delegate",
                        "--junit",
                        dir.resolve("junit.xml").toString(),
                        "--html",
                        dir.resolve("report.html").toString(),
                        "--output",
                        "json"));
        expect(0, plus(verify, "--hop-external-id", "harness-delegate"));

        // failing runs, for their exception messages
        expect(1, plus(delegate, "--connector-external-id", "wrong-external-id", "--output", "json"));
        expect(1, plus(delegate, "--connector-external-id", "wrong-external-id"));
        // a short timeout: verify otherwise waits up to 30 s for IAM to become consistent
        expect(1, plus(verify, "--hop-external-id", "wrong-external-id", "--timeout", "2s", "--output", "json"));
        expect(1, plus(verify, "--hop-external-id", "wrong-external-id", "--timeout", "2s"));
        expect(2, "role", "--cluster", "prod", "--namespace", "harness-delegate-ng", "--service-account", "Bad_SA");
        expect(2, "delegate", "--cluster", "prod", "--name", "x", "--account-id", "acc", "--api-key-env", "UNSET_KEY");

        String credential = expect(0, "token", "--cluster", "prod");
        tokenOutputs.add(key(runs, List.of("token"), "stdout"));
        // a token used is a token the cluster accepted: it joins the secrets searched for everywhere else
        JsonNode endpoint = JSON.readTree(cluster);
        useToken(
                endpoint.path("endpoint").asText(),
                JSON.readTree(credential).path("status").path("token").asText());
    }

    private String expect(int exit, List<String> args) {
        return expect(exit, args.toArray(String[]::new));
    }

    private String expect(int exit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new CliIo(
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                args);
        runs++;
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        captured.put(key(runs, List.of(args), "stdout"), stdout);
        captured.put(key(runs, List.of(args), "stderr"), stderr);
        assertThat(code).as(String.join(" ", args) + "\n" + stdout + stderr).isEqualTo(exit);
        return stdout;
    }

    private static String key(int run, List<String> args, String stream) {
        return "run " + run + " (" + args.get(0) + ") " + stream;
    }

    private static List<String> plus(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    /** Where a secret appears, except an EKS bearer token in the token command's credential (there it must). */
    private List<String> search(List<IssuedSecret> secrets) {
        List<String> hits = new ArrayList<>();
        int expected = 0;
        for (IssuedSecret secret : secrets) {
            for (Map.Entry<String, String> place : captured.entrySet()) {
                if (!place.getValue().contains(secret.value())) {
                    continue;
                }
                if (secret.kind() == IssuedSecret.Kind.EKS_BEARER_TOKEN && tokenOutputs.contains(place.getKey())) {
                    expected++;
                } else {
                    hits.add(secret.kind() + " in " + place.getKey());
                }
            }
        }
        // the search finds what is there: the token the token command printed, and the cluster then accepted
        assertThat(expected)
                .as("the token command's own token, found where it belongs")
                .isEqualTo(1);
        return hits;
    }

    private void useToken(String endpoint, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(sandbox.certificateAuthority().clientTrusting())
                .build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(endpoint + "/api/v1/namespaces"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private List<Path> filesWritten() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Map<String, String> environment() throws Exception {
        Path ca = Files.writeString(
                dir.resolve("ca.pem"), sandbox.certificateAuthority().rootPem());
        Map<String, String> out = new HashMap<>();
        out.put("AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId());
        out.put("AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey());
        out.put("AWS_REGION", sandbox.region());
        out.put("AWS_ENDPOINT_URL", sandbox.awsEndpoint().toString());
        out.put("AWS_CA_BUNDLE", ca.toString());
        out.put("SECOND_ACCOUNT_KEY_ID", sandbox.secondary().accessKeyId());
        out.put("SECOND_ACCOUNT_SECRET", sandbox.secondary().secretAccessKey());
        out.put("HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey());
        return out;
    }

    /** The shipped example, pointed at the sandbox's Harness account and manager (as ApplyCommandTest does). */
    private Path setupFile() throws Exception {
        String example = Files.readString(Path.of("..", "docs", "examples", "setup.yaml"));
        return Files.writeString(
                dir.resolve("setup.yaml"),
                example.replace(
                        "accountId: YOUR_HARNESS_ACCOUNT_ID",
                        "accountId: " + sandbox.harness().account().accountId() + "\nmanagerUrl: "
                                + sandbox.harness().uri()));
    }

    /** Every record at any level, formatted with its exception's stack trace, as a log file would hold it. */
    private static Handler capturing(StringBuilder log) {
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                log.append(formatter.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        return handler;
    }
}
