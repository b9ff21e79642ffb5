package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WaitSettingsTest {

    @Test
    void delays_startShortAndDoubleUpToThePollInterval() {
        WaitSettings aws = new WaitSettings(Duration.ofSeconds(30), Duration.ofMinutes(25));

        assertThat(IntStream.rangeClosed(1, 7).mapToObj(aws::delayAfter))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
    }

    @Test
    void attempts_coverTheWholeTimeout() {
        WaitSettings aws = new WaitSettings(Duration.ofSeconds(30), Duration.ofMinutes(25));
        long covered = IntStream.range(1, aws.maxAttempts())
                .mapToLong(a -> aws.delayAfter(a).toMillis())
                .sum();

        assertThat(covered).isGreaterThanOrEqualTo(Duration.ofMinutes(25).toMillis());
        assertThat(aws.maxAttempts()).isLessThan(60);
    }

    @Test
    void shortPollInterval_isAlsoTheFirstDelay() {
        WaitSettings sandbox = new WaitSettings(Duration.ofMillis(100), Duration.ofSeconds(5));

        assertThat(sandbox.firstPoll()).isEqualTo(Duration.ofMillis(100));
        assertThat(sandbox.delayAfter(5)).isEqualTo(Duration.ofMillis(100));
    }
}
