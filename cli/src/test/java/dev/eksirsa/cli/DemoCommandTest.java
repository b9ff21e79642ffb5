package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class DemoCommandTest {

    @Test
    void demo_onEmbeddedSandbox_provesTheChainAndRefusesTheWrongServiceAccount() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("demo");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out)
                .contains("== eksIrsaCluster", "== irsaRole")
                .contains("create", "EksCluster arn:aws:eks:", ":cluster/demo", "OidcProvider arn:aws:iam::")
                .contains("reachable at https://127.0.0.1:")
                .containsPattern("cluster re-run +no changes \\(idempotent\\)")
                .containsPattern("role re-run +no changes \\(idempotent, \\d+ reads, 0 writes\\)")
                .contains("annotated eks.amazonaws.com/role-arn=arn:aws:iam::")
                .contains("TokenRequest token → arn:aws:sts::")
                .contains("assumed-role/demo-harness-delegate-ng-harness-delegate/demo")
                .contains("assumed-role/demo-cross-account/demo-chain")
                .contains("harness-delegate-ng/default is refused: AccessDenied")
                .contains("== harnessDelegate")
                .containsPattern("delegate +harness-delegate-ng/demo-delegate connected=true")
                .containsPattern("connector demo_eks +K8sCluster test SUCCESS")
                .containsPattern("connector demo_aws +Aws test SUCCESS")
                .containsPattern("delegate re-run +no changes \\(idempotent, \\d+ reads, 0 writes\\)")
                .contains("== verifyIrsa")
                .containsPattern("verify +passed: \\d+ checks passed, 0 warnings, 0 failed")
                .containsPattern("report +\\S+\\.html")
                .doesNotContain("secretAccessKey");
    }

    @Test
    void unknownFlag_exitsWithInvalidInput() {
        assertThat(Main.run("sandbox", "--no-such-flag")).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
