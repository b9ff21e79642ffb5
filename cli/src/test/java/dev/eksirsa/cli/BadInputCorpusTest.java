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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the bad-input corpus ({@code src/test/resources/bad-inputs/}) through the real command line against
 * one sandbox, with credentials and the Harness API key in the environment as a user has them: exit 2, the JSON error
 * names the field, no mutating call reached the sandbox, and nothing printed holds a secret or a line of a file the
 * case passed in.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class BadInputCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Text shorter than this (a key, a kind such as eksIrsaCluster) may appear in a message by coincidence. */
    private static final int SHORTEST_CHECKED_LINE = 16;

    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger MUTATING = new AtomicInteger();
    private static final BadInputCorpus CORPUS = BadInputCorpus.load();
    private static Sandbox sandbox;
    private static Map<String, String> env;
    private static List<String> secrets;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(100))
                .withNodegroupActivationDelay(Duration.ofMillis(100)));
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
        env.put("HARNESS_ACCOUNT_ID", sandbox.harness().account().accountId());
        env.put("HARNESS_MANAGER_URL", sandbox.harness().uri().toString());
        env.put("SANDBOX_ACCOUNT_ID", sandbox.primary().accountId());
        env.put("DELEGATE_TOKEN", "dlgt-7f3c9a1e5b2d48c6a0e4f1b3d5c7e9a2");
        // some rules need what is there: the trust policy's size, for one, is checked against the cluster's issuer
        Run cluster = run(List.of("cluster", "--name", "existing", "--create", "--timeout", "20s"));
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        secrets = List.of(
                sandbox.primary().secretAccessKey(),
                sandbox.secondary().secretAccessKey(),
                sandbox.harness().account().apiKey(),
                env.get("DELEGATE_TOKEN"));
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
        String summary = "Bad inputs: " + REJECTED.get() + " rejected, " + MUTATING.get() + " mutating calls";
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bad-inputs.txt"), summary + "\n");
    }

    static Stream<BadInputCorpus.Case> corpus() {
        return CORPUS.cases().stream();
    }

    @Test
    void theCorpus_holdsAtLeast150Cases_ofEveryCommand() {
        assertThat(CORPUS.cases()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(CORPUS.cases().stream().map(BadInputCorpus.Case::category).distinct())
                .containsExactlyInAnyOrderElementsOf(BadInputCorpus.FILES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInput_exitsTwoNamingTheField_withoutMutatingCallOrEcho(BadInputCorpus.Case badInput) throws Exception {
        Path caseDir = Files.createTempDirectory(dir, "case");
        List<String> argv = new ArrayList<>(badInput.materialise(caseDir, env));
        if (!argv.contains("--output")) {
            argv.addAll(List.of("--output", "json"));
        }
        sandbox.calls().clear();

        Run run = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(argv));

        String printed = run.out() + run.err();
        MUTATING.addAndGet(sandbox.calls().mutating().size());
        assertThat(sandbox.calls().mutating()).as(printed).isEmpty();
        assertThat(run.exit()).as(printed).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode error = JSON.readTree(run.out()).path("error");
        assertThat(error.path("type").asText()).as(printed).isEqualTo("InvalidInput");
        assertThat(error.path("field").asText()).as(printed).isEqualTo(badInput.field());
        assertThat(run.err()).contains("error: ").contains(badInput.field());
        for (String secret : secrets) {
            assertThat(printed).as("a secret is printed").doesNotContain(secret);
        }
        for (String line : badInput.fileLines(caseDir, env)) {
            for (String content : contentOf(line)) {
                assertThat(printed).as("a line of the case's file is printed").doesNotContain(content);
            }
        }
        REJECTED.incrementAndGet();
    }

    /**
     * What of a file's line must not be printed: the line, and the value of a {@code key: value} line, when long
     * enough not to appear in a message by chance (a message naming the key {@code credentialsId: c…} is fine).
     */
    private static List<String> contentOf(String line) {
        List<String> out = new ArrayList<>();
        String stripped = line.strip();
        int colon = stripped.indexOf(": ");
        String value = colon < 0 ? stripped : stripped.substring(colon + 2).strip();
        if (value.length() >= SHORTEST_CHECKED_LINE) {
            out.add(value);
        }
        if (colon >= 0 && value.length() >= 2 && stripped.length() >= SHORTEST_CHECKED_LINE) {
            out.add(stripped);
        }
        return out;
    }

    record Run(int exit, String out, String err) {}

    private static Run run(List<String> argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new CliIo(
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                argv.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
