package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's own behaviour: usage, parse errors, exit codes. */
class MainTest {
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(new CliIo(Map.of(), o, e), args);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noCommand_printsTheUsageAndExitsTwo() {
        Run run = run();

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("Usage: eks-irsa", "cluster", "role");
    }

    @Test
    void parseError_isOneErrorLineAndHowToGetHelp_notTheWholeUsage() {
        Run run = run("role", "--no-such-flag");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'", "Run 'eks-irsa role --help' for usage.");
    }

    @Test
    void commandList_showsOneWholeSentencePerCommand() {
        Run run = run("--help");

        // picocli pads command names to the longest; compare with single spaces
        assertThat(run.out().replaceAll(" +", " "))
                .contains("cluster Ensure an EKS cluster and the IAM OIDC provider of its issuer.")
                .contains("role Ensure an IRSA role, its cross-account target roles and the")
                .contains("delegate Install a Harness NG delegate under the IRSA service account,");
    }

    @Test
    void endpointUrlThatIsNotAUrl_isNamedPlainly() {
        Run run = run(
                "cluster",
                "--name",
                "x",
                "--region",
                "us-east-1",
                "--endpoint-url",
                "http://exa mple",
                "--output",
                "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.out()).contains("\"field\" : \"endpointUrl\"").doesNotContain("URISyntaxException");
    }
}
