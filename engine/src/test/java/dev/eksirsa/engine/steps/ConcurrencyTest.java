package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Parallel Jenkins stages run steps in one JVM, on threads: eight operations on the same role, service account,
 * delegate, token and connector, started together, all succeed and leave one of each.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class ConcurrencyTest {
    private static final String ROLE = "shared-role";
    private static final String SA = "shared";
    private static final String DELEGATE = "shared-delegate";
    private static final String CONNECTOR = "k8s_shared";

    @Test
    void eightOperationsOnOverlappingResources_allSucceed_andLeaveOneOfEach() throws Exception {
        try (MatrixWorld world = new MatrixWorld()) {
            world.cluster(MatrixWorld.CLUSTER, "60s");
            world.role(MatrixWorld.DELEGATE_NS, "delegate", "matrix-delegate");
            // reads made slow so that parallel runs all read "absent" before any of them writes: the races happen
            world.sandbox.faults().add(FaultRule.latency("iam", "GetRole", Duration.ofMillis(300)));
            world.sandbox
                    .faults()
                    .add(FaultRule.latency("harness", "GET /ng/api/delegate-token-ng", Duration.ofMillis(300)));
            world.sandbox
                    .faults()
                    .add(FaultRule.latency("harness", "GET /ng/api/connectors/" + CONNECTOR, Duration.ofMillis(300)));

            List<Supplier<Map<String, Object>>> operations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                operations.add(() -> world.role(MatrixWorld.APPS_NS, SA, ROLE));
            }
            for (int i = 0; i < 2; i++) {
                operations.add(() -> world.delegate(DELEGATE, "delegate", CONNECTOR));
            }
            operations.add(() -> world.verify(MatrixWorld.DELEGATE_NS, "delegate"));
            for (int i = 0; i < 2; i++) {
                operations.add(() -> world.cluster(MatrixWorld.CLUSTER, "60s"));
            }

            List<Throwable> failures = runTogether(operations);

            assertThat(failures).as("failures of parallel operations").isEmpty();
            try (AwsClients aws = world.aws();
                    KubernetesClient kube = world.kube(aws)) {
                List<Role> roles = aws.iam().listRolesPaginator().roles().stream()
                        .filter(r -> r.roleName().equalsIgnoreCase(ROLE))
                        .toList();
                assertThat(roles).hasSize(1);
                assertThat(aws.iam().listRolePolicies(b -> b.roleName(ROLE)).policyNames())
                        .containsExactly("regions");
                assertThat(kube.serviceAccounts()
                                .inNamespace(MatrixWorld.APPS_NS)
                                .withName(SA)
                                .get()
                                .getMetadata()
                                .getAnnotations())
                        .containsEntry(
                                "eks.amazonaws.com/role-arn", roles.get(0).arn());
                Deployment deployment = kube.apps()
                        .deployments()
                        .inNamespace(MatrixWorld.DELEGATE_NS)
                        .withName(DELEGATE)
                        .get();
                assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
                assertThat(aws.eks().listClusters().clusters()).containsOnlyOnce(MatrixWorld.CLUSTER);
            }
            JsonNode tokens =
                    world.harness("GET", "/ng/api/delegate-token-ng", null).path("resource");
            assertThat(tokens.findValuesAsText("name")).containsOnlyOnce(DELEGATE + "-token");
            assertThat(world.delegates(DELEGATE)).hasSize(1);
            assertThat(world.harness("GET", "/ng/api/connectors/" + CONNECTOR, null)
                            .path("data")
                            .path("connector")
                            .path("identifier")
                            .asText())
                    .isEqualTo(CONNECTOR);

            writeFigure(operations.size(), failures.size());
        }
    }

    /** Starts every operation at the same moment, each on its own thread, and collects what failed. */
    private static List<Throwable> runTogether(List<Supplier<Map<String, Object>>> operations) throws Exception {
        CyclicBarrier start = new CyclicBarrier(operations.size());
        ExecutorService pool = Executors.newFixedThreadPool(operations.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Supplier<Map<String, Object>> operation : operations) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return operation.get();
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeFigure(int operations, int failures) throws IOException {
        String figure = "Concurrency: " + operations + " parallel operations, " + failures + " failures";
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("concurrency.md"),
                figure + "\n\n3 x irsaRole (role " + ROLE + ", service account apps/" + SA + "), 2 x harnessDelegate ("
                        + DELEGATE + ", connector " + CONNECTOR + "), 1 x verifyIrsa, 2 x eksIrsaCluster (describe)\n");
        System.out.println(figure);
    }
}
