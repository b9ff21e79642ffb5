package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's own options: bad ones are refused with exit 2 before any sandbox or tool starts. */
class BenchCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.run(
                new CliIo(
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLatencyThatIsNoDuration_isBadInput_namedWithoutAStackTrace() {
        Run run = bench("--latency", "soon");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).startsWith("error: ").contains("--latency").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anOutputFormatOtherThanTextOrJson_isBadInput() {
        Run run = bench("--output", "yaml");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("output").contains("text or json");
    }

    @Test
    void aParallelismBelowOne_isBadInput() {
        Run run = bench("--parallel", "0");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("parallel").contains("at least 1");
    }

    @Test
    void anActivationDelayThatIsNoDuration_isBadInput() {
        Run run = bench("--cluster-activation-delay", "-2s");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("--cluster-activation-delay");
    }
}
