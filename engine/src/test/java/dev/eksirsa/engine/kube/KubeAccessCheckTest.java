package dev.eksirsa.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.ApiAccessCheck.ApiTarget;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster step says plainly when the caller cannot use the Kubernetes API, and how to fix it. */
@RunsAgainst(Backend.SANDBOX_SDK)
class KubeAccessCheckTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxAws.fastSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void reconcile_creator_getsInWithoutWarning() {
        SandboxAws.Lines lines = new SandboxAws.Lines();
        try (AwsClients admin = KubeFixtures.admin(sandbox).open()) {
            ClusterResult result = KubeFixtures.reconcile(
                    sandbox, admin, KubeFixtures.create("access-creator").build(), lines);

            assertThat(result.warnings()).isEmpty();
            assertThat(lines.all)
                    .contains("INFO Checking access to the Kubernetes API of EKS cluster \"access-creator\"");
        }
    }

    @Test
    void reconcile_callerWithoutAccessEntry_warnsWithTheFixThenAnAccessEntryLetsItIn() {
        String cluster = "access-ops";
        String roleArn = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/ops";
        try (AwsClients admin = KubeFixtures.admin(sandbox).open();
                AwsClients ops = KubeFixtures.operator(sandbox, "ops").open()) {
            KubeFixtures.reconcile(sandbox, admin, KubeFixtures.create(cluster).build(), new SandboxAws.Lines());
            SandboxAws.Lines lines = new SandboxAws.Lines();
            sandbox.calls().clear();

            ClusterResult refused = KubeFixtures.reconcile(sandbox, ops, ClusterSpec.existing(cluster), lines);

            assertThat(refused.status()).isEqualTo("ACTIVE");
            assertThat(refused.warnings())
                    .singleElement()
                    .asString()
                    .contains(
                            "refused " + roleArn + " (403 Forbidden)",
                            "eks-irsa cluster --name access-ops --access-principal-arn " + roleArn);
            assertThat(lines.all).contains("WARN " + refused.warnings().get(0));
            assertThat(refused.toMap().get("warnings")).isEqualTo(refused.warnings());
            assertThat(sandbox.calls().mutating()).isEmpty();

            KubeFixtures.reconcile(
                    sandbox,
                    admin,
                    ClusterSpec.builder(cluster)
                            .accessPrincipalArns(List.of(roleArn))
                            .build(),
                    new SandboxAws.Lines());
            ClusterResult admitted = KubeFixtures.reconcile(sandbox, ops, ClusterSpec.existing(cluster), lines);

            assertThat(admitted.warnings()).isEmpty();
        }
    }

    @Test
    void reconcile_dryRun_doesNotProbe() {
        try (AwsClients admin = KubeFixtures.admin(sandbox).open();
                AwsClients ops = KubeFixtures.operator(sandbox, "ops-dry").open()) {
            KubeFixtures.reconcile(
                    sandbox, admin, KubeFixtures.create("access-dry").build(), new SandboxAws.Lines());
            sandbox.calls().clear();

            ClusterResult plan = KubeFixtures.reconcile(
                    sandbox, ops, ClusterSpec.builder("access-dry").dryRun(true).build(), new SandboxAws.Lines());

            assertThat(plan.warnings()).isEmpty();
            assertThat(sandbox.calls().matching(r -> "kubernetes".equals(r.service())))
                    .isEmpty();
        }
    }

    @Test
    void problem_privateEndpointOutOfReach_saysToRunFromTheVpcOrEnablePublicAccess() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String ca = java.util.Base64.getEncoder()
                .encodeToString(sandbox.certificateAuthority().rootPem().getBytes());
        try (AwsClients admin = KubeFixtures.admin(sandbox).open()) {
            Optional<String> problem = new KubeAccessCheck(admin, null)
                    .problem(new ApiTarget(
                            "private-only", "https://127.0.0.1:" + closedPort, ca, false, "API_AND_CONFIG_MAP"));

            assertThat(problem).hasValueSatisfying(text -> assertThat(text)
                    .contains(
                            "cannot reach the Kubernetes API of EKS cluster \"private-only\"",
                            "private only",
                            "inside the cluster's VPC",
                            "endpointPublicAccess=true"));
        }
    }
}
