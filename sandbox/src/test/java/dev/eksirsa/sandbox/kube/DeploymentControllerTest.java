package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class DeploymentControllerTest {
    private static final String NS = "apps";
    private static KubeTestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("deploy-test");
        client = cluster.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        client.serviceAccounts()
                .inNamespace(NS)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .addToAnnotations(IrsaWebhook.ROLE_ARN, "arn:aws:iam::111122223333:role/web")
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void deploymentRollsOutThroughTheWebhookAndRestartReplacesPods() {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("web", 2))
                .create();
        Deployment ready =
                client.apps().deployments().inNamespace(NS).withName("web").waitUntilReady(20, TimeUnit.SECONDS);
        assertThat(ready.getStatus().getReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getObservedGeneration()).isGreaterThanOrEqualTo(1L);
        assertThat(ready.getStatus().getConditions())
                .extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("Available=True", "Progressing=True");

        List<ReplicaSet> replicaSets =
                client.apps().replicaSets().inNamespace(NS).list().getItems();
        assertThat(replicaSets).hasSize(1);
        List<Pod> pods = podsOf("web");
        assertThat(pods).hasSize(2).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getSpec().getContainers().get(0).getEnv())
                    .anyMatch(e -> e.getName().equals("AWS_ROLE_ARN"));
        });
        Set<String> before = names(pods);

        client.apps().deployments().inNamespace(NS).withName("web").rolling().restart();
        client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("web")
                .waitUntilCondition(
                        d -> d.getStatus() != null
                                && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()),
                        20,
                        TimeUnit.SECONDS);
        List<Pod> after = podsOf("web");
        assertThat(after).hasSize(2);
        assertThat(names(after)).doesNotContainAnyElementsOf(before);
        assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems())
                .hasSize(1);

        client.apps().deployments().inNamespace(NS).withName("web").scale(3);
        assertThat(podsOf("web")).hasSize(3);
    }

    private static List<Pod> podsOf(String app) {
        return client.pods().inNamespace(NS).withLabel("app", app).list().getItems();
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(name)
                .addNewContainer()
                .withName("app")
                .withImage("public.ecr.aws/docker/library/busybox:latest")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
