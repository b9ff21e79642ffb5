package dev.eksirsa.engine.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.kube.EksClusterClients;
import dev.eksirsa.engine.kube.KubeClientOptions;
import dev.eksirsa.engine.steps.SandboxSteps;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** harnessDelegate against the sandbox: AWS, the cluster's Kubernetes API and the Harness emulator. */
@RunsAgainst(Backend.SANDBOX_SDK)
class DelegateStepTest {
    private static final String CLUSTER = "delegate-step";
    private static final String NS = "harness-delegate-ng";

    private static Sandbox sandbox;
    private static Map<String, StoredCredentials> credentials;
    private static Map<String, String> env;
    private static String role1;
    private static String role2;

    @BeforeAll
    static void setUp() {
        sandbox = SandboxAws.fastSandbox();
        credentials = SandboxSteps.credentials(sandbox);
        env = Map.of(
                "AWS_REGION", sandbox.region(),
                "HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey());
        run("eksIrsaCluster", new LinkedHashMap<>(Map.of("name", CLUSTER, "create", true, "timeout", "30s")));
        Map<String, Object> role = irsaRole("delegate");
        role1 = (String) role.get("roleArn");
        role2 = ((List<?>) role.get("targetRoleArns")).get(0).toString();
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static Map<String, Object> irsaRole(String serviceAccount) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("roleName", "delegate-role-2");
        target.put("connection", Map.of("credentialsId", "second"));
        target.put("externalId", "harness-ext");
        target.put(
                "inlinePolicies",
                Map.of(
                        "regions",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}"));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", NS);
        args.put("serviceAccount", serviceAccount);
        args.put("roleName", CLUSTER + "-" + serviceAccount);
        args.put("targetRoles", List.of(target));
        return run("irsaRole", args);
    }

    private static Map<String, Object> run(String step, Map<String, Object> arguments) {
        return SandboxSteps.run(sandbox, env, step, arguments);
    }

    private static Map<String, Object> delegate(String name, String serviceAccount, Map<String, Object> more) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("accountId", sandbox.harness().account().accountId());
        args.put("name", name);
        args.put("serviceAccount", serviceAccount);
        args.put("managerUrl", sandbox.harness().uri().toString());
        args.put("timeout", "60s");
        args.putAll(more);
        return run("harnessDelegate", args);
    }

    private static Map<String, Object> withConnectors(String suffix, String externalId) {
        return new LinkedHashMap<>(Map.of(
                "k8sConnector",
                "eks_" + suffix,
                "awsConnector",
                "aws_" + suffix,
                "crossAccountRoleArn",
                role2,
                "connectorExternalId",
                externalId,
                "testConnectors",
                true));
    }

    private static KubernetesClient kube(AwsClients aws) {
        return EksClusterClients.forCluster(aws, CLUSTER, KubeClientOptions.DEFAULTS);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> connectors(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("connectors");
    }

    @Test
    void fromNothing_toAConnectedDelegateUnderRole1_withBothConnectorsSucceeding_thenAReRunWritesNothing() {
        Map<String, Object> result = delegate("prod-delegate", "delegate", withConnectors("ok", "harness-ext"));

        assertThat(result.get("connected")).isEqualTo(true);
        assertThat(result.get("readyReplicas")).isEqualTo(1);
        assertThat(connectors(result)).extracting(c -> c.get("status")).containsExactly("SUCCESS", "SUCCESS");
        try (AwsClients aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
                KubernetesClient kube = kube(aws)) {
            List<Pod> pods = kube.pods()
                    .inNamespace(NS)
                    .withLabel("harness.io/name", "prod-delegate")
                    .list()
                    .getItems();
            assertThat(pods).isNotEmpty().allMatch(p -> DelegateReconciler.hasIdentity(p, role1));
            Deployment deployment = kube.apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName("prod-delegate")
                    .get();
            List<EnvVar> envVars = deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv();
            assertThat(envVars).noneMatch(e -> e.getName().equals("DELEGATE_TOKEN"));
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                    .isEqualTo("delegate");
        }
        assertThat(result.toString()).doesNotContain(sandbox.harness().account().apiKey());

        long before =
                sandbox.calls().all().stream().mapToLong(CallRecord::seq).max().orElse(0);
        Map<String, Object> again = delegate("prod-delegate", "delegate", withConnectors("ok", "harness-ext"));

        assertThat(again.get("changes")).asList().isEmpty();
        assertThat(sandbox.calls().matching(c -> c.seq() > before && c.mutating()))
                .as("a re-run makes no mutating Kubernetes, IAM or Harness call")
                .isEmpty();
    }

    @Test
    void aBrokenCrossAccountTrust_failsTheAwsConnectorTest_withTheReason() {
        // through the execution body (as Jenkins runs it) the step fails with the reason; the CLI test checks exit 1
        assertThatThrownBy(
                        () -> delegate("broken-delegate", "delegate", withConnectors("broken", "not-the-external-id")))
                .isInstanceOf(dev.eksirsa.engine.steps.StepFailedException.class)
                .hasMessageContaining("connector aws_broken test FAILURE")
                .hasMessageContaining("sts:AssumeRole");
    }

    @Test
    void podsStartedBeforeTheAnnotation_areRestarted_andSaySo() {
        Map<String, Object> first = delegate("late-delegate", "late", Map.of());
        assertThat(first.get("warnings").toString()).contains("does not exist: it is created bare");

        irsaRole("late");
        Map<String, Object> second = delegate("late-delegate", "late", Map.of());

        assertThat(second.get("changes").toString()).contains("started without the role");
        try (AwsClients aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
                KubernetesClient kube = kube(aws)) {
            String lateRole = kube.serviceAccounts()
                    .inNamespace(NS)
                    .withName("late")
                    .get()
                    .getMetadata()
                    .getAnnotations()
                    .get("eks.amazonaws.com/role-arn");
            List<Pod> pods =
                    kube.pods().inNamespace(NS).withLabel("harness.io/name", "late-delegate").list().getItems().stream()
                            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                            .toList();
            assertThat(pods).isNotEmpty().allMatch(p -> DelegateReconciler.hasIdentity(p, lateRole));
        }
    }

    @Test
    void dryRun_showsTheRedactedManifestAndThePlan_andChangesNothing() {
        long before =
                sandbox.calls().all().stream().mapToLong(CallRecord::seq).max().orElse(0);
        Map<String, Object> plan =
                delegate("planned-delegate", "delegate", Map.of("dryRun", true, "k8sConnector", "eks_plan"));

        assertThat(plan.get("dryRun")).isEqualTo(true);
        assertThat((String) plan.get("manifest"))
                .contains("kind: Deployment", "****")
                .doesNotContain("planned-token-value");
        assertThat(plan.get("changes").toString()).contains("HarnessDelegateToken", "Deployment", "HarnessConnector");
        assertThat(sandbox.calls().matching(c -> c.seq() > before && c.mutating()))
                .isEmpty();

        Map<String, Object> withUpgrader =
                delegate("planned-delegate", "delegate", Map.of("dryRun", true, "upgrader", true));
        assertThat((String) withUpgrader.get("manifest")).contains("kind: CronJob");
        assertThat((String) plan.get("manifest")).doesNotContain("kind: CronJob");
    }

    @Test
    void stateAbsent_removesWhatItMade_andLeavesTheServiceAccountAndItsAnnotation() {
        delegate("temp-delegate", "delegate", Map.of("k8sConnector", "eks_temp"));
        Map<String, Object> removed =
                delegate("temp-delegate", "delegate", Map.of("k8sConnector", "eks_temp", "state", "absent"));

        assertThat(removed.get("changes").toString())
                .contains("Deployment", "HarnessConnector", "HarnessDelegateToken");
        try (AwsClients aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
                KubernetesClient kube = kube(aws)) {
            assertThat(kube.apps()
                            .deployments()
                            .inNamespace(NS)
                            .withName("temp-delegate")
                            .get())
                    .isNull();
            assertThat(kube.secrets()
                            .inNamespace(NS)
                            .withName("temp-delegate-account-token")
                            .get())
                    .isNull();
            assertThat(kube.serviceAccounts()
                            .inNamespace(NS)
                            .withName("delegate")
                            .get()
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry("eks.amazonaws.com/role-arn", role1);
        }
    }

    @Test
    void aDownloadedManifest_withTheTutorialsMistakes_isPatchedAndConnects(@TempDir Path dir) throws Exception {
        String key = sandbox.harness().account().apiKey();
        String account = sandbox.harness().account().accountId();
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(sandbox.harness().uri()
                                + "/ng/api/delegate-token-ng?tokenName=downloaded&accountIdentifier=" + account))
                        .header("x-api-key", key)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String yaml = http.send(
                        HttpRequest.newBuilder(URI.create(sandbox.harness().uri()
                                        + "/ng/api/download-delegates/kubernetes?accountIdentifier=" + account))
                                .header("x-api-key", key)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"name\":\"downloaded-delegate\",\"tokenName\":\"downloaded\",\"clusterPermissionType\":\"CLUSTER_ADMIN\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Path manifest = dir.resolve("harness-delegate.yaml");
        Files.writeString(
                manifest, yaml.replace("rbac.authorization.k8s.io/v1\n", "rbac.authorization.k8s.io/v1beta1\n"));

        Map<String, Object> result =
                delegate("downloaded-delegate", "delegate", Map.of("manifest", manifest.toString()));

        assertThat(result.get("manifestFixes").toString()).contains("v1beta1", "delegate");
        assertThat(result.get("connected")).isEqualTo(true);
    }

    @Test
    void aDelegateNameConnectedFromAnotherCluster_isRefusedBeforeAnyWrite() {
        delegate("shared-name", "delegate", Map.of());
        run("eksIrsaCluster", new LinkedHashMap<>(Map.of("name", CLUSTER + "-b", "create", true, "timeout", "30s")));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER + "-b");
        args.put("accountId", sandbox.harness().account().accountId());
        args.put("name", "shared-name");
        args.put("serviceAccount", "delegate");
        args.put("managerUrl", sandbox.harness().uri().toString());
        long before =
                sandbox.calls().all().stream().mapToLong(CallRecord::seq).max().orElse(0);

        assertThatThrownBy(() -> run("harnessDelegate", args))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("another cluster");
        assertThat(sandbox.calls().matching(c -> c.seq() > before && c.mutating()))
                .isEmpty();
    }

    @Test
    void irsaRole_thenTheDelegate_thenIrsaRoleAgain_keepsTheRoleAnnotation() {
        irsaRole("keeper");
        delegate("keeper-delegate", "keeper", Map.of());
        Map<String, Object> again = irsaRole("keeper");

        assertThat(again.get("changes")).asList().isEmpty();
        try (AwsClients aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
                KubernetesClient kube = kube(aws)) {
            assertThat(kube.serviceAccounts()
                            .inNamespace(NS)
                            .withName("keeper")
                            .get()
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry("eks.amazonaws.com/role-arn", (String) again.get("roleArn"));
        }
    }

    @Test
    void theDelegateTokenAndApiKey_appearNowhere() throws Exception {
        Map<String, Object> result = delegate("secret-delegate", "delegate", Map.of("k8sConnector", "eks_secret"));
        Map<String, Object> plan =
                delegate("secret-delegate", "delegate", Map.of("k8sConnector", "eks_secret", "dryRun", true));
        String token;
        try (AwsClients aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
                KubernetesClient kube = kube(aws)) {
            var secret = kube.secrets()
                    .inNamespace(NS)
                    .withName("secret-delegate-account-token")
                    .get();
            token = secret.getData() != null && secret.getData().containsKey("DELEGATE_TOKEN")
                    ? new String(java.util.Base64.getDecoder()
                            .decode(secret.getData().get("DELEGATE_TOKEN")))
                    : secret.getStringData().get("DELEGATE_TOKEN");
            assertThat(token).isNotBlank();
            assertThat(kube.apps()
                            .deployments()
                            .inNamespace(NS)
                            .withName("secret-delegate")
                            .get()
                            .toString())
                    .doesNotContain(token);
        }
        String apiKey = sandbox.harness().account().apiKey();
        assertThat(result.toString() + plan.toString() + sandbox.calls().all())
                .doesNotContain(token)
                .doesNotContain(apiKey);
    }

    @Test
    void aRevokedToken_orAnUnsetTokenVariable_isRefusedBeforeAnyWrite() throws Exception {
        String key = sandbox.harness().account().apiKey();
        String account = sandbox.harness().account().accountId();
        HttpClient http = HttpClient.newHttpClient();
        for (String method : List.of("POST", "PUT")) {
            http.send(
                    HttpRequest.newBuilder(URI.create(sandbox.harness().uri()
                                    + "/ng/api/delegate-token-ng?tokenName=revoked-delegate-token&accountIdentifier="
                                    + account))
                            .header("x-api-key", key)
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        long before =
                sandbox.calls().all().stream().mapToLong(CallRecord::seq).max().orElse(0);

        assertThatThrownBy(() -> delegate("revoked-delegate", "delegate", Map.of()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("REVOKED");
        assertThatThrownBy(() -> delegate("unset-delegate", "delegate", Map.of("tokenEnv", "NOT_SET_ANYWHERE")))
                .isInstanceOfSatisfying(dev.eksirsa.engine.api.InvalidInputException.class, e -> assertThat(e.field())
                        .isEqualTo("tokenEnv"));
        assertThat(sandbox.calls().matching(c -> c.seq() > before && c.mutating()))
                .isEmpty();
    }

    @Test
    void stateAbsent_leavesAConnectorItDidNotMake() throws Exception {
        String key = sandbox.harness().account().apiKey();
        String account = sandbox.harness().account().accountId();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(
                                URI.create(sandbox.harness().uri() + "/ng/api/connectors?accountIdentifier=" + account))
                        .header("x-api-key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"connector\":{\"name\":\"theirs\","
                                + "\"identifier\":\"theirs\",\"type\":\"K8sCluster\",\"spec\":{\"credential\":"
                                + "{\"type\":\"InheritFromDelegate\"},\"delegateSelectors\":[\"someone-else\"]}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);

        Map<String, Object> removed =
                delegate("theirs-delegate", "delegate", Map.of("k8sConnector", "theirs", "state", "absent"));

        assertThat(removed.get("warnings").toString()).contains("connector theirs was not made by eks-irsa");
        assertThat(http.send(
                                HttpRequest.newBuilder(
                                                URI.create(sandbox.harness().uri()
                                                        + "/ng/api/connectors/theirs?accountIdentifier=" + account))
                                        .header("x-api-key", key)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }
}
