package dev.eksirsa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @Test
    void run_givenEnvironment_isTheOnlyEnvironment() {
        CliResult result =
                ProcessRunner.run(List.of("/usr/bin/env"), Map.of("ONLY_THIS", "1"), null, Duration.ofSeconds(20));

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout().strip()).isEqualTo("ONLY_THIS=1");
    }

    @Test
    void run_processOutlivesTimeout_isKilledAndReportedAsTimedOut() {
        long start = System.nanoTime();
        CliResult result = ProcessRunner.run(List.of("/bin/sleep", "30"), Map.of(), null, Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.ok()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void run_largeOutputOnBothStreams_doesNotBlock() {
        CliResult result = ProcessRunner.run(
                List.of(
                        "/bin/sh",
                        "-c",
                        "head -c 300000 /dev/zero | tr '\\0' a; head -c 300000 /dev/zero | tr '\\0' b >&2"),
                Map.of("PATH", "/usr/bin:/bin"),
                null,
                Duration.ofSeconds(30));

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).hasSize(300000);
        assertThat(result.stderr()).hasSize(300000);
    }
}
