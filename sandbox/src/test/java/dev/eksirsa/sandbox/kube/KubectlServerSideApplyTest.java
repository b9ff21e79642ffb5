package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksirsa.sandbox.log.CallLog;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.Kubectl;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side apply's field ownership as the real kubectl sees it. */
@RunsAgainst(Backend.KUBECTL)
class KubectlServerSideApplyTest {
    private static final String ROLE = "eks.amazonaws.com/role-arn";
    private static KubeTestCluster cluster;
    private static Kubectl kubectl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("kubectl-ssa-test");
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

    private static Path manifest(String name, String yaml) {
        try {
            Path file = dir.resolve(name + "-" + System.nanoTime() + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path serviceAccount(String namespace, String... annotations) {
        StringBuilder yaml = new StringBuilder(
                        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: ")
                .append(namespace)
                .append('\n');
        if (annotations.length > 0) {
            yaml.append("  annotations:\n");
            for (String annotation : annotations) {
                String[] kv = annotation.split("=", 2);
                yaml.append("    ").append(kv[0]).append(": \"").append(kv[1]).append("\"\n");
            }
        }
        return manifest("sa", yaml.toString());
    }

    private static CliResult apply(String manager, Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "apply", "--server-side", "--validate=false", "--field-manager=" + manager, "-f", file.toString()));
        args.addAll(List.of(extra));
        return kubectl.run(args);
    }

    private static JsonNode get(String namespace, String kind, String name) {
        return ok("-n", namespace, "get", kind, name, "--show-managed-fields", "-o", "json")
                .json();
    }

    private static JsonNode annotations(String namespace) {
        return get(namespace, "serviceaccount", "app").path("metadata").path("annotations");
    }

    private static JsonNode owner(JsonNode object, String manager) {
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void reapply_withoutAnAnnotation_removesIt() {
        ok("create", "namespace", "ssa-prune");
        assertThat(apply("a", serviceAccount("ssa-prune", ROLE + "=arn:aws:iam::111122223333:role/app", "x=1"))
                        .exitCode())
                .isZero();

        assertThat(apply("a", serviceAccount("ssa-prune", ROLE + "=arn:aws:iam::111122223333:role/app"))
                        .exitCode())
                .isZero();

        JsonNode annotations = annotations("ssa-prune");
        assertThat(annotations.has("x")).isFalse();
        assertThat(annotations.path(ROLE).asText()).isEqualTo("arn:aws:iam::111122223333:role/app");
    }

    @Test
    void reapply_withoutAnAnnotationAnotherManagerAlsoApplied_keepsIt() {
        ok("create", "namespace", "ssa-shared");
        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=a",
                "-f",
                serviceAccount("ssa-shared", "x=1", "y=1").toString());
        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=b",
                "-f",
                serviceAccount("ssa-shared", "x=1").toString());

        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=a",
                "-f",
                serviceAccount("ssa-shared").toString());

        JsonNode annotations = annotations("ssa-shared");
        assertThat(annotations.path("x").asText()).isEqualTo("1");
        assertThat(annotations.has("y")).isFalse();
    }

    @Test
    void apply_conflictingValue_failsWithTheConflict_andForceConflictsTakesOwnership() {
        ok("create", "namespace", "ssa-conflict");
        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=other-manager",
                "-f",
                serviceAccount("ssa-conflict", "x=1").toString());

        CliResult refused = apply("a", serviceAccount("ssa-conflict", "x=2"));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr())
                .contains("Apply failed with 1 conflict: conflict with \"other-manager\": .metadata.annotations.x")
                .contains("--force-conflicts");
        assertThat(annotations("ssa-conflict").path("x").asText()).isEqualTo("1");

        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=a",
                "--force-conflicts",
                "-f",
                serviceAccount("ssa-conflict", "x=2").toString());

        JsonNode sa = get("ssa-conflict", "serviceaccount", "app");
        assertThat(sa.path("metadata").path("annotations").path("x").asText()).isEqualTo("2");
        assertThat(owner(sa, "a").path("fieldsV1").toString()).contains("f:x");
        assertThat(owner(sa, "other-manager")).isNull();
    }

    @Test
    void showManagedFields_namesTheOwnersOfADeploymentsFields() {
        ok("create", "namespace", "ssa-deploy");
        String deployment =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: ssa-deploy
                  labels: {app.kubernetes.io/managed-by: eks-irsa}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: api}
                  template:
                    metadata:
                      labels: {app: api}
                    spec:
                      serviceAccountName: app
                      containers:
                      - name: api
                        image: busybox:1
                %s
                """;
        String sidecar = "      - name: sidecar\n        image: busybox:1";
        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=eks-irsa",
                "-f",
                manifest("deploy", deployment.formatted(sidecar)).toString());

        JsonNode applied = get("ssa-deploy", "deployment", "api");
        JsonNode mine = owner(applied, "eks-irsa");
        assertThat(mine.path("operation").asText()).isEqualTo("Apply");
        JsonNode containers = mine.path("fieldsV1")
                .path("f:spec")
                .path("f:template")
                .path("f:spec")
                .path("f:containers");
        assertThat(containers.has("k:{\"name\":\"api\"}")).isTrue();
        assertThat(containers.path("k:{\"name\":\"sidecar\"}").has("f:image")).isTrue();
        assertThat(mine.path("fieldsV1").path("f:metadata").path("f:labels").has("f:app.kubernetes.io/managed-by"))
                .isTrue();

        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=eks-irsa",
                "-f",
                manifest("deploy", deployment.formatted("")).toString());

        JsonNode after = get("ssa-deploy", "deployment", "api");
        assertThat(after.path("spec").path("template").path("spec").path("containers"))
                .extracting(c -> c.path("name").asText())
                .containsExactly("api");
        ok("-n", "ssa-deploy", "patch", "deployment", "api", "--type=merge", "-p", "{\"spec\":{\"replicas\":2}}");

        CliResult replicas =
                apply("eks-irsa", manifest("deploy", deployment.formatted("").replace("replicas: 1", "replicas: 3")));

        assertThat(replicas.exitCode()).isEqualTo(1);
        assertThat(replicas.stderr())
                .contains(
                        "Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1: .spec.replicas");
        assertThat(get("ssa-deploy", "deployment", "api")
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(2);
        String yaml = ok("-n", "ssa-deploy", "get", "deployment", "api", "-o", "yaml", "--show-managed-fields")
                .stdout();
        assertThat(yaml).contains("manager: eks-irsa", "operation: Apply", "f:serviceAccountName: {}");
    }

    @Test
    void serverDryRun_changesNothing_andIsNotLoggedAsMutating() {
        ok("create", "namespace", "ssa-dry");
        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=a",
                "-f",
                serviceAccount("ssa-dry", "x=1").toString());
        long before = last();

        ok(
                "apply",
                "--server-side",
                "--validate=false",
                "--field-manager=a",
                "--dry-run=server",
                "-f",
                serviceAccount("ssa-dry", "x=2").toString());

        assertThat(annotations("ssa-dry").path("x").asText()).isEqualTo("1");
        List<CallRecord> calls = CallLog.since(cluster.log.all(), before);
        assertThat(calls).anyMatch(r -> r.action().equals("patch serviceaccounts"));
        assertThat(calls).noneMatch(CallRecord::mutating);
    }

    private static long last() {
        List<CallRecord> all = cluster.log.all();
        return all.get(all.size() - 1).seq();
    }
}
