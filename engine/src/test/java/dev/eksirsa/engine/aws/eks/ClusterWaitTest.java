package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.WaitTimeoutException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.cluster.NodegroupSpec;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterWaitTest {

    @Test
    void reconcile_clusterSlowerThanTimeout_failsWithWaitTimeoutNamingAttempts() {
        try (Sandbox sandbox =
                        Sandbox.start(SandboxOptions.defaults().withClusterActivationDelay(Duration.ofSeconds(30)));
                AwsClients aws = SandboxAws.clients(sandbox)) {
            SandboxAws.Lines lines = new SandboxAws.Lines();
            ClusterSpec spec = ClusterSpec.builder("slow")
                    .create(true)
                    .pollInterval(Duration.ofMillis(100))
                    .timeout(Duration.ofMillis(500))
                    .build();

            // no overall budget: the wait's own limit applies
            assertThatThrownBy(() -> new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), lines)
                            .reconcile(spec, Deadline.NONE))
                    .isInstanceOf(WaitTimeoutException.class)
                    .hasMessageContaining("EKS cluster \"slow\" to become ACTIVE after")
                    .hasMessageContaining("attempts");
            assertThat(lines.all)
                    .anyMatch(l -> l.matches(
                            "INFO Waiting for EKS cluster \"slow\" to become ACTIVE \\(attempt 2 of 6, .*\\)"));
        }
    }

    @Test
    void reconcile_clusterAndNodegroupWaits_shareOneOverallBudget() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                        .withClusterActivationDelay(Duration.ofSeconds(1))
                        .withNodegroupActivationDelay(Duration.ofSeconds(3)));
                AwsClients aws = SandboxAws.clients(sandbox)) {
            SandboxAws.Lines lines = new SandboxAws.Lines();
            // each wait alone fits in 3.5s; both together do not
            ClusterSpec spec = ClusterSpec.builder("shared")
                    .create(true)
                    .nodegroup(new NodegroupSpec("ng", List.of("t3.small"), 1, 1, 1, null))
                    .pollInterval(Duration.ofMillis(100))
                    .timeout(Duration.ofMillis(3500))
                    .build();

            assertThatThrownBy(() -> new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), lines)
                            .reconcile(spec, Deadline.after(spec.timeout())))
                    .isInstanceOf(WaitTimeoutException.class)
                    .hasMessageContaining("EKS node group \"ng\" of shared to become ACTIVE");
            assertThat(lines.all).anyMatch(l -> l.startsWith("INFO EKS cluster \"shared\" is ACTIVE after"));
        }
    }
}
