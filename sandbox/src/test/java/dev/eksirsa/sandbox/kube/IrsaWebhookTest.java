package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class IrsaWebhookTest {
    private static final String NS = "irsa";
    private static final String ROLE = "arn:aws:iam::111122223333:role/app";
    private static KubeTestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("webhook-test");
        client = cluster.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
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
    void podOfAnnotatedServiceAccountGetsEnvVolumeAndMount() {
        serviceAccount("annotated", Map.of(IrsaWebhook.ROLE_ARN, ROLE));
        Pod pod = createPod("p1", "annotated", Map.of());
        Map<String, String> env = env(pod.getSpec().getContainers().get(0));
        assertThat(env)
                .containsEntry("AWS_ROLE_ARN", ROLE)
                .containsEntry("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .doesNotContainKey("AWS_STS_REGIONAL_ENDPOINTS");
        Volume volume = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("aws-iam-token"))
                .findFirst()
                .orElseThrow();
        var source = volume.getProjected().getSources().get(0).getServiceAccountToken();
        assertThat(source.getAudience()).isEqualTo("sts.amazonaws.com");
        assertThat(source.getExpirationSeconds()).isEqualTo(86400L);
        assertThat(source.getPath()).isEqualTo("token");
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("aws-iam-token");
            assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/eks.amazonaws.com/serviceaccount");
            assertThat(m.getReadOnly()).isTrue();
        });
    }

    @Test
    void annotationsSetAudienceExpirationAndRegionalSts() {
        serviceAccount(
                "tuned",
                Map.of(
                        IrsaWebhook.ROLE_ARN,
                        ROLE,
                        IrsaWebhook.AUDIENCE,
                        "custom-aud",
                        IrsaWebhook.TOKEN_EXPIRATION,
                        "3600",
                        IrsaWebhook.REGIONAL_STS,
                        "true"));
        Pod pod = createPod("p2", "tuned", Map.of());
        assertThat(env(pod.getSpec().getContainers().get(0))).containsEntry("AWS_STS_REGIONAL_ENDPOINTS", "regional");
        var source = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("aws-iam-token"))
                .findFirst()
                .orElseThrow()
                .getProjected()
                .getSources()
                .get(0)
                .getServiceAccountToken();
        assertThat(source.getAudience()).isEqualTo("custom-aud");
        assertThat(source.getExpirationSeconds()).isEqualTo(3600L);
    }

    @Test
    void skippedContainersAndContainersWithTheirOwnEnvAreLeftAlone() {
        serviceAccount("multi", Map.of(IrsaWebhook.ROLE_ARN, ROLE));
        Pod pod = client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("p3")
                        .addToAnnotations(IrsaWebhook.SKIP_CONTAINERS, "sidecar")
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName("multi")
                        .addNewContainer()
                        .withName("main")
                        .withImage("busybox")
                        .endContainer()
                        .addNewContainer()
                        .withName("sidecar")
                        .withImage("busybox")
                        .endContainer()
                        .addNewContainer()
                        .withName("own")
                        .withImage("busybox")
                        .addNewEnv()
                        .withName("AWS_ROLE_ARN")
                        .withValue("arn:aws:iam::111122223333:role/own")
                        .endEnv()
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        assertThat(env(pod.getSpec().getContainers().get(0))).containsEntry("AWS_ROLE_ARN", ROLE);
        assertThat(env(pod.getSpec().getContainers().get(1))).doesNotContainKey("AWS_ROLE_ARN");
        assertThat(env(pod.getSpec().getContainers().get(2)))
                .containsEntry("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/own")
                .doesNotContainKey("AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Test
    void podCreatedBeforeTheAnnotationHasNoInjectedEnvAndKeepsIt() {
        serviceAccount("late", Map.of());
        createPod("early", "late", Map.of());
        client.serviceAccounts().inNamespace(NS).withName("late").edit(sa -> new ServiceAccountBuilder(sa)
                .editMetadata()
                .addToAnnotations(IrsaWebhook.ROLE_ARN, ROLE)
                .endMetadata()
                .build());
        Pod early = client.pods().inNamespace(NS).withName("early").get();
        assertThat(env(early.getSpec().getContainers().get(0))).doesNotContainKey("AWS_ROLE_ARN");
        assertThat(early.getSpec().getVolumes()).noneMatch(v -> v.getName().equals("aws-iam-token"));
        Pod recreated = createPod("recreated", "late", Map.of());
        assertThat(env(recreated.getSpec().getContainers().get(0))).containsEntry("AWS_ROLE_ARN", ROLE);
    }

    @Test
    void podsBecomeRunningAndReady() {
        createPod("runner", "default", Map.of());
        Pod pod = client.pods()
                .inNamespace(NS)
                .withName("runner")
                .waitUntilReady(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    }

    @Test
    void undecodablePodIsABadRequest() {
        var response = cluster.send(
                "POST",
                "/api/v1/namespaces/" + NS + "/pods",
                "application/json",
                "{not json",
                "Bearer " + cluster.adminToken());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"kind\":\"Status\"");
        assertThat(cluster.log.all().get(cluster.log.all().size() - 1).status()).isEqualTo(400);
    }

    private static void serviceAccount(String name, Map<String, String> annotations) {
        client.serviceAccounts()
                .inNamespace(NS)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .build())
                .create();
    }

    private static Pod createPod(String name, String serviceAccount, Map<String, String> annotations) {
        return client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(serviceAccount)
                        .addNewContainer()
                        .withName("main")
                        .withImage("busybox")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv() == null
                ? Map.of()
                : container.getEnv().stream()
                        .collect(Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
    }
}
