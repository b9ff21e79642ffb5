package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.role.IrsaRoleResult;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The role step as every entry point runs it: an argument map, a caller's environment, a result map. */
@RunsAgainst(Backend.SANDBOX_SDK)
class RoleStepTest {
    private static Sandbox sandbox;
    private static Map<String, String> environment;

    @BeforeAll
    static void start() {
        sandbox = SandboxAws.fastSandbox();
        Map<String, Object> cluster = Map.of(
                "name",
                "step-cluster",
                "create",
                true,
                "timeout",
                "20s",
                "endpointUrl",
                sandbox.awsEndpoint().toString());
        environment = Map.of(
                "AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey(),
                "AWS_REGION", sandbox.region());
        Steps.CLUSTER.run(cluster, context());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static StepContext context() {
        return new StepContext(new EnvironmentConnectionResolver(environment, false), environment, null);
    }

    @Test
    void run_fromAnArgumentMap_annotatesTheServiceAccount_withOneDescribeClusterPerRun() {
        Map<String, Object> arguments = Map.of(
                "cluster", "step-cluster",
                "namespace", "apps",
                "serviceAccount", "web",
                "endpointUrl", sandbox.awsEndpoint().toString());
        sandbox.calls().clear();

        IrsaRoleResult result = Steps.ROLE.run(arguments, context());

        List<CallRecord> describes = sandbox.calls().matching(r -> "DescribeCluster".equals(r.action()));
        assertThat(describes).hasSize(1);
        assertThat(result.toMap())
                .containsEntry("roleName", "step-cluster-apps-web")
                .containsEntry("dryRun", false)
                .containsKeys("changes", "warnings");
        assertThat(result.changes()).extracting(c -> c.kind()).contains("IamRole", "ServiceAccount");

        sandbox.calls().clear();
        assertThat(Steps.ROLE.run(arguments, context()).changes()).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();
    }
}
