package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.Kubectl;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RunsAgainst(Backend.KUBECTL)
class KubectlTest {
    private static KubeTestCluster cluster;
    private static Kubectl kubectl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("kubectl-test");
        kubectl = Kubectl.with(cluster.kubeconfig(dir));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static CliResult ok(String... args) {
        CliResult result = kubectl.run(args);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    @Test
    void versionAndDiscovery() {
        assertThat(ok("version", "-o", "json")
                        .json()
                        .path("serverVersion")
                        .path("gitVersion")
                        .asText())
                .startsWith("v1.31");
        String resources = ok("api-resources").stdout();
        assertThat(resources)
                .contains(
                        "serviceaccounts",
                        "deployments",
                        "clusterrolebindings",
                        "cronjobs",
                        "horizontalpodautoscalers",
                        "configmaps",
                        "events",
                        "statefulsets",
                        "daemonsets");
        assertThat(ok("api-versions").stdout())
                .contains("rbac.authorization.k8s.io/v1")
                .doesNotContain("v1beta1");
    }

    @Test
    void getCreateDeleteAnnotateLabel() {
        ok("create", "namespace", "crud");
        ok("-n", "crud", "create", "serviceaccount", "app");
        ok(
                "-n",
                "crud",
                "annotate",
                "serviceaccount",
                "app",
                "eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/app");
        ok("-n", "crud", "label", "serviceaccount", "app", "app.kubernetes.io/managed-by=eks-irsa");
        JsonNode sa =
                ok("-n", "crud", "get", "serviceaccount", "app", "-o", "json").json();
        assertThat(sa.path("metadata")
                        .path("annotations")
                        .path("eks.amazonaws.com/role-arn")
                        .asText())
                .isEqualTo("arn:aws:iam::111122223333:role/app");
        assertThat(sa.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/managed-by")
                        .asText())
                .isEqualTo("eks-irsa");
        ok("-n", "crud", "create", "configmap", "cm", "--from-literal=a=b");
        ok("-n", "crud", "create", "secret", "generic", "s", "--from-literal=a=b");
        ok("-n", "crud", "create", "role", "r", "--verb=get", "--resource=pods");
        ok("-n", "crud", "create", "rolebinding", "rb", "--role=r", "--serviceaccount=crud:app");
        ok("create", "clusterrole", "cr", "--verb=get", "--resource=pods");
        ok("create", "clusterrolebinding", "crb", "--clusterrole=cr", "--serviceaccount=crud:app");
        ok("-n", "crud", "create", "cronjob", "cj", "--image=busybox", "--schedule=*/5 * * * *");
        ok("-n", "crud", "get", "serviceaccounts,configmaps,secrets,roles,rolebindings,cronjobs");
        ok("get", "clusterroles,clusterrolebindings");
        ok("-n", "crud", "delete", "configmap", "cm");
        assertThat(kubectl.run("-n", "crud", "get", "configmap", "cm").exitCode())
                .isNotZero();
        ok("delete", "clusterrolebinding", "crb");
    }

    @Test
    void workloadKinds_createGetDelete() throws IOException {
        ok("create", "namespace", "workloads");
        Path manifest = dir.resolve("workloads.yaml");
        Files.writeString(
                manifest,
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: db
                  namespace: workloads
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: postgres}]}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                  namespace: workloads
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent, image: busybox}]}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: web
                  namespace: workloads
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 1
                  maxReplicas: 3
                """);
        ok("create", "--validate=false", "-f", manifest.toString());
        ok("-n", "workloads", "create", "deployment", "web", "--image=nginx");
        ok(
                "-n",
                "workloads",
                "get",
                "statefulsets,daemonsets,horizontalpodautoscalers,deployments,replicasets,pods,events");
        assertThat(ok("-n", "workloads", "get", "replicasets", "-o", "name").stdout())
                .contains("replicaset.apps/web-");
        ok("-n", "workloads", "delete", "statefulset", "db");
        ok("-n", "workloads", "delete", "daemonset", "agent");
        ok("-n", "workloads", "delete", "hpa", "web");
        assertThat(kubectl.run("-n", "workloads", "get", "statefulset", "db").exitCode())
                .isNotZero();
    }

    @Test
    void clientSideAndServerSideApply() throws IOException {
        Path manifest = dir.resolve("sa.yaml");
        Files.writeString(
                manifest,
                """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: applied
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: web
                  namespace: applied
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/web
                """);
        ok("apply", "--validate=false", "-f", manifest.toString());
        ok("apply", "--validate=false", "-f", manifest.toString());
        Path ssa = dir.resolve("cm.yaml");
        Files.writeString(
                ssa,
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: applied
                data:
                  a: "1"
                """);
        ok("apply", "--server-side", "--validate=false", "-f", ssa.toString());
        Files.writeString(ssa, Files.readString(ssa).replace("a: \"1\"", "a: \"2\"\n  b: \"3\""));
        ok("apply", "--server-side", "--validate=false", "-f", ssa.toString());
        JsonNode cm = ok("-n", "applied", "get", "configmap", "settings", "--show-managed-fields", "-o", "json")
                .json();
        assertThat(cm.path("data").path("a").asText()).isEqualTo("2");
        assertThat(cm.path("data").path("b").asText()).isEqualTo("3");
        assertThat(cm.path("metadata")
                        .path("managedFields")
                        .get(0)
                        .path("manager")
                        .asText())
                .isEqualTo("kubectl");
    }

    @Test
    void removedApisAreRefused() throws IOException {
        Path v1beta1 = dir.resolve("crb-v1beta1.yaml");
        String binding =
                """
                apiVersion: rbac.authorization.k8s.io/%s
                kind: ClusterRoleBinding
                metadata:
                  name: legacy
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: view
                subjects:
                - kind: ServiceAccount
                  name: default
                  namespace: default
                """;
        Files.writeString(v1beta1, binding.formatted("v1beta1"));
        CliResult refused = kubectl.run("apply", "--validate=false", "-f", v1beta1.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr())
                .contains(
                        "no matches for kind \"ClusterRoleBinding\" in version \"rbac.authorization.k8s.io/v1beta1\"");
        assertThat(cluster.get(
                                "/apis/rbac.authorization.k8s.io/v1beta1/clusterrolebindings",
                                "Bearer " + cluster.adminToken())
                        .statusCode())
                .isEqualTo(404);
        assertThat(cluster.get("/apis/extensions/v1beta1/deployments", "Bearer " + cluster.adminToken())
                        .statusCode())
                .isEqualTo(404);
        Path v1 = dir.resolve("crb-v1.yaml");
        Files.writeString(v1, binding.formatted("v1"));
        ok("apply", "--validate=false", "-f", v1.toString());
        ok("get", "clusterrolebinding", "legacy");
    }

    @Test
    void runCreateTokenAndRolloutStatus() {
        ok("create", "namespace", "work");
        ok("-n", "work", "create", "serviceaccount", "app");
        ok(
                "-n",
                "work",
                "annotate",
                "serviceaccount",
                "app",
                "eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/app");
        ok("-n", "work", "run", "shell", "--image=busybox", "--overrides={\"spec\":{\"serviceAccountName\":\"app\"}}");
        JsonNode pod = ok("-n", "work", "get", "pod", "shell", "-o", "json").json();
        assertThat(pod.path("spec").path("containers").get(0).path("env").toString())
                .contains("AWS_ROLE_ARN");
        assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
        ok("-n", "work", "wait", "--for=condition=Ready", "pod/shell", "--timeout=20s");

        String token = ok("-n", "work", "create", "token", "app", "--audience", "sts.amazonaws.com")
                .stdout()
                .trim();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(cluster.log.all().toString()).doesNotContain(token);

        ok("-n", "work", "create", "deployment", "web", "--image=busybox", "--replicas=2");
        ok("-n", "work", "rollout", "status", "deployment/web", "--timeout=30s");
        ok("-n", "work", "rollout", "restart", "deployment/web");
        ok("-n", "work", "rollout", "status", "deployment/web", "--timeout=30s");
        ok("-n", "work", "delete", "deployment", "web");
    }

    @Test
    void applyingAChangedDeploymentRollsItOut() throws IOException {
        ok("create", "namespace", "rolling");
        Path manifest = dir.resolve("deploy.yaml");
        String deployment =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: rolling
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: api}
                  template:
                    metadata:
                      labels: {app: api}
                    spec:
                      containers:
                      - name: api
                        image: busybox:%s
                        env:
                        - {name: MODE, value: "%s"}
                """;
        Files.writeString(manifest, deployment.formatted("1", "a"));
        ok("apply", "--validate=false", "-f", manifest.toString());
        ok("-n", "rolling", "rollout", "status", "deployment/api", "--timeout=30s");
        Files.writeString(manifest, deployment.formatted("2", "b"));
        ok("apply", "--validate=false", "-f", manifest.toString());
        ok("-n", "rolling", "rollout", "status", "deployment/api", "--timeout=30s");
        JsonNode pods = ok("-n", "rolling", "get", "pods", "-l", "app=api", "-o", "json")
                .json()
                .path("items");
        assertThat(pods).hasSize(2);
        pods.forEach(p -> {
            JsonNode container = p.path("spec").path("containers").get(0);
            assertThat(container.path("image").asText()).isEqualTo("busybox:2");
            assertThat(container.path("env").toString()).contains("\"b\"");
        });
        JsonNode status =
                ok("-n", "rolling", "get", "deployment", "api", "-o", "json").json();
        assertThat(status.path("status").path("observedGeneration").asLong())
                .isEqualTo(status.path("metadata").path("generation").asLong());
    }
}
