package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCallsTest {
    private static BenchSandbox.Call call(long seq, String action, int status, long at) {
        return new BenchSandbox.Call(seq, "eks", action, "111122223333", false, status, at, null);
    }

    @Test
    void theActivationWait_runsFromCreateClusterToThePollThatEndedIt() {
        List<BenchSandbox.Call> calls = List.of(
                call(1, "DescribeCluster", 404, 1_000),
                call(2, "CreateCluster", 200, 1_100),
                call(3, "DescribeCluster", 200, 1_200),
                call(4, "DescribeCluster", 200, 3_100),
                call(5, "GetOpenIDConnectProvider", 404, 3_200),
                call(6, "DescribeCluster", 200, 9_000));

        assertThat(BenchCalls.activationWait(calls)).isEqualTo(Duration.ofMillis(2_000));
    }

    @Test
    void aRunThatCreatedNoCluster_waitedForNone() {
        assertThat(BenchCalls.activationWait(List.of(call(1, "DescribeCluster", 200, 1_000))))
                .isZero();
        assertThat(BenchCalls.activationWait(
                        List.of(call(1, "CreateCluster", 409, 1_000), call(2, "DescribeCluster", 200, 5_000))))
                .isZero();
    }

    @Test
    void theSandboxsOwnCalls_areNotTheClients() {
        assertThat(new BenchSandbox.Call(1, "sts", "AssumeRole", null, false, 200, 0, "harness-delegate").byClient())
                .isFalse();
        assertThat(new BenchSandbox.Call(1, "oidc", "GET /keys", null, false, 200, 0, null).byClient())
                .isFalse();
        assertThat(new BenchSandbox.Call(1, "sts", "AssumeRole", null, false, 200, 0, null).byClient())
                .isTrue();
    }
}
