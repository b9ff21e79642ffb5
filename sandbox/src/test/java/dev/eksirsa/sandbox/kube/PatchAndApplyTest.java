package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.log.CallLog;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class PatchAndApplyTest {
    private static KubeTestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("patch-test");
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void strategicMergeMergesContainersAndEnvByName() {
        Deployment d = DeploymentControllerTest.deployment("smp", 1);
        d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .setEnv(List.of(
                        new io.fabric8.kubernetes.api.model.EnvVar("A", "1", null),
                        new io.fabric8.kubernetes.api.model.EnvVar("B", "2", null)));
        client.apps().deployments().inNamespace("default").resource(d).create();
        String patch =
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"env\":[{\"name\":\"B\",\"value\":\"20\"},"
                        + "{\"name\":\"C\",\"value\":\"3\"}]},{\"name\":\"sidecar\",\"image\":\"busybox\"}]}}}}";
        Deployment patched = client.apps()
                .deployments()
                .inNamespace("default")
                .withName("smp")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
        var containers = patched.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(c -> c.getName()).containsExactly("app", "sidecar");
        assertThat(containers.get(0).getImage()).isEqualTo("public.ecr.aws/docker/library/busybox:latest");
        assertThat(containers.get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("A=1", "B=20", "C=3");
        assertThat(cluster.log.matching(r -> r.action().equals("patch deployments")))
                .last()
                .satisfies(r -> {
                    assertThat(r.mutating()).isTrue();
                    assertThat(r.target()).isEqualTo("default/smp");
                    assertThat(r.status()).isEqualTo(200);
                });
    }

    @Test
    void jsonMergeAndJsonPatchStillWork() {
        client.serviceAccounts()
                .inNamespace("default")
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("jm")
                        .endMetadata()
                        .build())
                .create();
        client.serviceAccounts()
                .inNamespace("default")
                .withName("jm")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"a\":\"1\"}}}");
        client.serviceAccounts()
                .inNamespace("default")
                .withName("jm")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"l\":\"2\"}}]");
        ServiceAccount sa =
                client.serviceAccounts().inNamespace("default").withName("jm").get();
        assertThat(sa.getMetadata().getAnnotations()).containsEntry("a", "1");
        assertThat(sa.getMetadata().getLabels()).containsEntry("l", "2");
    }

    @Test
    void serverSideApply_reapplyWithoutAField_removesItAndRecordsTheManager() {
        ConfigMap first = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ssa")
                .withNamespace("default")
                .endMetadata()
                .addToData("a", "1")
                .build();
        client.configMaps()
                .inNamespace("default")
                .resource(first)
                .fieldManager("eks-irsa")
                .forceConflicts()
                .serverSideApply();
        ConfigMap second = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("ssa")
                .withNamespace("default")
                .endMetadata()
                .addToData("b", "2")
                .build();
        ConfigMap applied = client.configMaps()
                .inNamespace("default")
                .resource(second)
                .fieldManager("eks-irsa")
                .forceConflicts()
                .serverSideApply();
        assertThat(applied.getData()).doesNotContainKey("a").containsEntry("b", "2");
        assertThat(applied.getMetadata().getManagedFields())
                .extracting(m -> m.getManager() + "/" + m.getOperation())
                .containsExactly("eks-irsa/Apply");
        assertThat(applied.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties())
                .isEqualTo(Map.of("f:data", Map.of("f:b", Map.of())));
    }

    @Test
    void aProtobufBody_isRefusedWith415NamingTheFormatsAccepted_andNothingIsCreated() {
        String auth = "Bearer " + cluster.adminToken();
        int before = cluster.get("/api/v1/namespaces", auth).body().split("\"uid\"").length;

        var refused = cluster.send(
                "POST",
                "/api/v1/namespaces",
                "application/vnd.kubernetes.protobuf",
                "k8s\u0000\n\u000f\n\u0002v1\u0012\tNamespace",
                auth);

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.body()).contains("UnsupportedMediaType").contains("application/json");
        assertThat(cluster.get("/api/v1/namespaces", auth).body().split("\"uid\""))
                .hasSize(before);
    }

    @Test
    void serverSideApply_conflictingManager_is409WithFieldManagerConflictCauses() {
        String patch = "/api/v1/namespaces/default/serviceaccounts/contested?fieldManager=%s&force=%s";
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"contested\","
                + "\"annotations\":{\"x\":\"%s\"}}}";
        String auth = "Bearer " + cluster.adminToken();
        assertThat(cluster.send(
                                "PATCH",
                                patch.formatted("other-manager", false),
                                Patches.APPLY,
                                body.formatted("1"),
                                auth)
                        .statusCode())
                .isEqualTo(201);

        var refused = cluster.send("PATCH", patch.formatted("a", false), Patches.APPLY, body.formatted("2"), auth);

        assertThat(refused.statusCode()).isEqualTo(409);
        io.fabric8.kubernetes.api.model.Status status = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                refused.body(), io.fabric8.kubernetes.api.model.Status.class);
        assertThat(status.getReason()).isEqualTo("Conflict");
        assertThat(status.getMessage())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"other-manager\": .metadata.annotations.x");
        assertThat(status.getDetails().getCauses())
                .extracting(c -> c.getReason() + " " + c.getField() + " " + c.getMessage())
                .containsExactly("FieldManagerConflict .metadata.annotations.x conflict with \"other-manager\"");
        assertThat(annotation("contested", "x")).isEqualTo("1");

        assertThat(cluster.send("PATCH", patch.formatted("a", true), Patches.APPLY, body.formatted("2"), auth)
                        .statusCode())
                .isEqualTo(200);
        assertThat(annotation("contested", "x")).isEqualTo("2");
    }

    @Test
    void serverSideApply_dryRun_changesNothingAndIsNotLoggedAsMutating() {
        String path = "/api/v1/namespaces/default/serviceaccounts/planned-sa?fieldManager=a&force=true";
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"planned-sa\","
                + "\"annotations\":{\"x\":\"%s\"}}}";
        String auth = "Bearer " + cluster.adminToken();
        cluster.send("PATCH", path, Patches.APPLY, body.formatted("1"), auth);
        long before = cluster.log.all().get(cluster.log.all().size() - 1).seq();

        var preview = cluster.send("PATCH", path + "&dryRun=All", Patches.APPLY, body.formatted("2"), auth);
        var created = cluster.send(
                "POST",
                "/api/v1/namespaces/default/serviceaccounts?dryRun=All",
                "application/json",
                "{\"metadata\":{\"name\":\"never\"}}",
                auth);

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("\"x\":\"2\"");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(annotation("planned-sa", "x")).isEqualTo("1");
        assertThat(client.serviceAccounts()
                        .inNamespace("default")
                        .withName("never")
                        .get())
                .isNull();
        var dryRuns = CallLog.since(cluster.log.all(), before).stream()
                .filter(r -> !r.action().startsWith("get"))
                .toList();
        assertThat(dryRuns)
                .extracting(r -> r.action() + " " + r.mutating())
                .containsExactly("patch serviceaccounts false", "create serviceaccounts false");
    }

    @Test
    void nonApplyWrites_recordTheirFieldManagerAsUpdate() {
        assertThat(cluster.send(
                                "POST",
                                "/api/v1/namespaces/default/serviceaccounts?fieldManager=creator",
                                "application/json",
                                "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"updated\",\"annotations\":{\"a\":\"1\"}}}",
                                "Bearer " + cluster.adminToken())
                        .statusCode())
                .isEqualTo(201);
        client.serviceAccounts()
                .inNamespace("default")
                .withName("updated")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"l\":\"2\"}}]");
        ServiceAccount sa = client.serviceAccounts()
                .inNamespace("default")
                .withName("updated")
                .get();
        assertThat(sa.getMetadata().getLabels()).containsEntry("l", "2");
        assertThat(sa.getMetadata().getManagedFields())
                .extracting(m -> m.getOperation() + " " + m.getFieldsV1().getAdditionalProperties())
                .containsExactly(
                        "Update {f:metadata={f:annotations={.={}, f:a={}}}}",
                        "Update {f:metadata={f:labels={.={}, f:l={}}}}");
        assertThat(sa.getMetadata().getManagedFields().get(0).getManager()).isEqualTo("creator");
        // without a fieldManager the API server names the writer after its User-Agent
        assertThat(sa.getMetadata().getManagedFields().get(1).getManager()).isNotIn("creator", "unknown");
    }

    private static String annotation(String serviceAccount, String key) {
        return client.serviceAccounts()
                .inNamespace("default")
                .withName(serviceAccount)
                .get()
                .getMetadata()
                .getAnnotations()
                .get(key);
    }

    @Test
    void serverSideDryRunStoresNothing() {
        ConfigMap planned = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("planned")
                .endMetadata()
                .addToData("a", "1")
                .build();
        ConfigMap answer = client.configMaps()
                .inNamespace("default")
                .resource(planned)
                .dryRun()
                .create();
        assertThat(answer.getData()).containsEntry("a", "1");
        assertThat(client.configMaps()
                        .inNamespace("default")
                        .withName("planned")
                        .get())
                .isNull();

        client.configMaps().inNamespace("default").resource(planned).create();
        client.configMaps()
                .inNamespace("default")
                .withName("planned")
                .dryRun()
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}");
        client.configMaps()
                .inNamespace("default")
                .withName("planned")
                .dryRun()
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"a\":\"3\"}}");
        client.configMaps().inNamespace("default").resource(planned).dryRun().delete();
        assertThat(client.configMaps()
                        .inNamespace("default")
                        .withName("planned")
                        .get()
                        .getData())
                .containsEntry("a", "1");
    }

    @Test
    void watchesSeeChanges() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch modified = new java.util.concurrent.CountDownLatch(1);
        client.configMaps()
                .inNamespace("default")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("watched")
                        .endMetadata()
                        .build())
                .create();
        try (Watch ignored = client.configMaps()
                .inNamespace("default")
                .withName("watched")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        events.add(action.name());
                        if (action == Action.MODIFIED) {
                            modified.countDown();
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                })) {
            client.configMaps().inNamespace("default").withName("watched").edit(cm -> new ConfigMapBuilder(cm)
                    .addToData("k", "v")
                    .build());
            assertThat(modified.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events).contains("MODIFIED");
    }
}
