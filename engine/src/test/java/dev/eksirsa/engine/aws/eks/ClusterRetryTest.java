package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.RetryStyle;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The connection's one SDK retry strategy absorbs throttling; the sandbox's call log shows each attempt. */
@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterRetryTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxAws.fastSandbox();
        try (AwsClients aws = SandboxAws.clients(sandbox)) {
            new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), new SandboxAws.Lines())
                    .reconcile(ClusterSpec.builder("retried")
                            .create(true)
                            .pollInterval(Duration.ofMillis(100))
                            .timeout(Duration.ofSeconds(30))
                            .build());
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @EnumSource(RetryStyle.class)
    void reconcile_describeClusterThrottledTwice_succeedsAfterTheSdkRetries(RetryStyle style) {
        sandbox.calls().clear();
        sandbox.faults().add(FaultRule.throttle("eks", "DescribeCluster", 2));

        ClusterResult result;
        try (AwsClients aws = SandboxAws.connection(sandbox, sandbox.primary())
                .withRetryStyle(style)
                .open()) {
            result = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), new SandboxAws.Lines())
                    .reconcile(ClusterSpec.existing("retried"));
        } finally {
            sandbox.faults().clear();
        }

        assertThat(result.status()).isEqualTo("ACTIVE");
        assertThat(result.changes()).isEmpty();
        assertThat(sandbox.calls().matching(r -> "DescribeCluster".equals(r.action())))
                .extracting(CallRecord::status)
                .startsWith(429, 429, 200);
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_throttledOnEveryServiceItUses_stillSucceeds() {
        sandbox.calls().clear();
        sandbox.faults().add(FaultRule.throttle("eks", null, 1));
        sandbox.faults().add(FaultRule.throttle("iam", null, 1));

        ClusterResult result;
        try (AwsClients aws = SandboxAws.clients(sandbox)) {
            result = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), new SandboxAws.Lines())
                    .reconcile(ClusterSpec.existing("retried"));
        } finally {
            sandbox.faults().clear();
        }

        assertThat(result.status()).isEqualTo("ACTIVE");
        assertThat(sandbox.calls().all())
                .filteredOn(r -> r.status() >= 400)
                .extracting(CallRecord::service)
                .containsExactlyInAnyOrder("eks", "iam");
    }
}
