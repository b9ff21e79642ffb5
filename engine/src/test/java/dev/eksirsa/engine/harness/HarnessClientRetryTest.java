package dev.eksirsa.engine.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.sandbox.harness.HarnessEndpoint;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Harness calls survive throttling, 5xx and dropped connections, and say so clearly when they do not. */
@RunsAgainst(Backend.SANDBOX_SDK)
class HarnessClientRetryTest {
    private static final HarnessRetry FAST = new HarnessRetry(4, Duration.ofMillis(10), Duration.ofSeconds(1));
    private static Sandbox sandbox;
    private static HarnessClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        client = new HarnessClient(
                new HarnessConnection(
                        sandbox.harness().uri(),
                        sandbox.harness().account().accountId(),
                        sandbox.harness().account().apiKey()),
                null,
                FAST);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        sandbox.calls().clear();
    }

    @Test
    void throttledTwice_isAnsweredOnTheThirdAttempt() {
        sandbox.faults().add(FaultRule.throttle("harness", null, 2));

        assertThat(client.latestDelegateVersion()).isEqualTo(HarnessEndpoint.LATEST_VERSION);
        assertThat(sandbox.calls().matching(c -> c.service().equals("harness")))
                .extracting(CallRecord::status)
                .containsExactly(429, 429, 200);
    }

    @Test
    void aDroppedConnectionAndA503_areSentAgain() {
        sandbox.faults().add(FaultRule.connectionReset("harness", null, 1));
        sandbox.faults().add(FaultRule.serverError("harness", null, 1, 503));

        assertThat(client.token("absent-token")).isEmpty();
    }

    @Test
    void unavailableOnEveryAttempt_failsWithHarnesssAnswer_andNoKey() {
        sandbox.faults().add(FaultRule.serverError("harness", null, -1, 503));

        assertThatThrownBy(client::latestDelegateVersion)
                .isInstanceOf(HarnessApiException.class)
                .hasMessage("reading the latest delegate version failed: Harness answered 503 SERVICE_UNAVAILABLE:"
                        + " Service Unavailable")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(sandbox.harness().account().apiKey()));
        assertThat(sandbox.calls().matching(c -> c.service().equals("harness"))).hasSize(4);
    }

    @Test
    void droppedOnEveryAttempt_failsNamingTheManagerAndTheAttempts() {
        sandbox.faults().add(FaultRule.connectionReset("harness", null, -1));

        assertThatThrownBy(() -> client.token("t"))
                .isInstanceOf(EksIrsaException.class)
                .hasMessageStartingWith("reading delegate token t failed: cannot reach "
                        + sandbox.harness().uri())
                .hasMessageEndingWith("4 attempts)");
    }

    @Test
    void aBadRequest_isNotSentAgain() {
        assertThatThrownBy(() -> client.createToken(" ")).isInstanceOf(HarnessApiException.class);
        assertThat(sandbox.calls().matching(c -> c.service().equals("harness"))).hasSize(1);
    }

    @Test
    void waits_doubleFromTheBackoff_followRetryAfter_andStopAtTheMaximum() {
        HarnessRetry retry = new HarnessRetry(5, Duration.ofMillis(100), Duration.ofSeconds(2));

        assertThat(retry.waitBefore(2, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.waitBefore(4, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.waitBefore(2, Optional.of("1"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.waitBefore(2, Optional.of("120"))).isEqualTo(Duration.ofSeconds(2));
    }
}
