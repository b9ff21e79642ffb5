package dev.eksirsa.engine.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.kube.EksClusterClients;
import dev.eksirsa.engine.kube.KubeClientOptions;
import dev.eksirsa.engine.steps.SandboxSteps;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.harness.HarnessEndpoint;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Harness side end to end, the way the harnessDelegate step will use it: a delegate manifest as
 * Harness generates it, its service account swapped for the IRSA one, applied with fabric8, seen connected; then
 * the AWS and Kubernetes connectors tested by the delegate's own identity, over the sandbox's STS and EC2.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class HarnessEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "harness-e2e";
    private static final String NS = "harness-delegate-ng";
    private static final String SA = "delegate";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Sandbox sandbox;
    private static Map<String, StoredCredentials> credentials;
    private static Map<String, Object> role;
    private static String accountId;
    private static String apiKey;

    @BeforeAll
    static void setUp() {
        sandbox = SandboxAws.fastSandbox();
        accountId = sandbox.harness().account().accountId();
        apiKey = sandbox.harness().account().apiKey();
        credentials = SandboxSteps.credentials(sandbox);
        run("eksIrsaCluster", new LinkedHashMap<>(Map.of("name", CLUSTER, "create", true, "timeout", "30s")));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("roleName", "harness-role-2");
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
        args.put("serviceAccount", SA);
        args.put("targetRoles", List.of(target));
        role = run("irsaRole", args);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static Map<String, Object> run(String step, Map<String, Object> arguments) {
        return SandboxSteps.run(sandbox, Map.of("AWS_REGION", sandbox.region()), step, arguments);
    }

    private static HttpResponse<String> harness(String method, String pathAndQuery, String body, String key)
            throws Exception {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        sandbox.harness().uri() + pathAndQuery + separator + "accountIdentifier=" + accountId))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-api-key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static KubernetesClient kube(AwsClients aws) {
        return EksClusterClients.forCluster(aws, CLUSTER, KubeClientOptions.DEFAULTS);
    }

    private static AwsClients aws() {
        return SandboxAws.connection(sandbox, sandbox.primary()).open();
    }

    /** Downloads the manifest for a delegate, points it at the given service account, applies it, waits for a running pod. */
    private static void installDelegate(String name, String serviceAccount, String tokenName) throws Exception {
        installDelegate(CLUSTER, name, serviceAccount, tokenName);
    }

    private static void installDelegate(String cluster, String name, String serviceAccount, String tokenName)
            throws Exception {
        String yaml = harness(
                        "POST",
                        "/ng/api/download-delegates/kubernetes",
                        JSON.writeValueAsString(Map.of(
                                "name",
                                name,
                                "tokenName",
                                tokenName,
                                "clusterPermissionType",
                                "CLUSTER_ADMIN",
                                "tags",
                                List.of("eks"),
                                "description",
                                "test")),
                        apiKey)
                .body();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                objects.add(
                        Serialization.unmarshal(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
            }
        }
        try (AwsClients aws = aws();
                KubernetesClient kube = EksClusterClients.forCluster(aws, cluster, KubeClientOptions.DEFAULTS)) {
            for (HasMetadata object : objects) {
                if (object instanceof Deployment d) {
                    d.getSpec().getTemplate().getSpec().setServiceAccountName(serviceAccount);
                }
                if (object instanceof ClusterRoleBinding b) {
                    b.getMetadata().setName(b.getMetadata().getName() + "-" + name);
                    b.getSubjects().forEach(s -> s.setName(serviceAccount));
                }
                kube.resource(object).serverSideApply();
            }
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until) {
                List<Pod> pods = kube.pods()
                        .inNamespace(NS)
                        .withLabel("harness.io/name", name)
                        .list()
                        .getItems();
                if (!pods.isEmpty()
                        && pods.stream()
                                .allMatch(p -> "Running".equals(p.getStatus().getPhase()))) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("delegate " + name + " did not start");
        }
    }

    private static JsonNode delegates(String name) throws Exception {
        return ok(harness(
                        "POST",
                        "/ng/api/delegate-setup/listDelegates",
                        JSON.writeValueAsString(Map.of("filterType", "Delegate", "delegateName", name)),
                        apiKey))
                .path("resource");
    }

    private static JsonNode testConnection(String identifier) throws Exception {
        return ok(harness("POST", "/ng/api/connectors/testConnection/" + identifier, null, apiKey))
                .path("data");
    }

    private static void createConnector(String json) throws Exception {
        ok(harness("POST", "/ng/api/connectors", json, apiKey));
    }

    @Test
    void delegateConnects_andItsConnectorsPassTheirTests_thenABrokenTrustFailsNamingAssumeRole() throws Exception {
        String token = ok(harness("POST", "/ng/api/delegate-token-ng?tokenName=ci", null, apiKey))
                .path("resource")
                .path("value")
                .asText();
        assertThat(token).isNotBlank();
        installDelegate("irsa-delegate", SA, "ci");

        JsonNode listed = delegates("irsa-delegate");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("connected").asBoolean()).isTrue();

        createConnector(
                "{\"connector\":{\"name\":\"eks\",\"identifier\":\"eks\",\"type\":\"K8sCluster\","
                        + "\"spec\":{\"credential\":{\"type\":\"InheritFromDelegate\"},\"delegateSelectors\":[\"irsa-delegate\"]}}}");
        String role2 = ((List<?>) role.get("targetRoleArns")).get(0).toString();
        createConnector(
                "{\"connector\":{\"name\":\"aws\",\"identifier\":\"aws\",\"type\":\"Aws\",\"spec\":{\"credential\":"
                        + "{\"type\":\"Irsa\",\"region\":\"" + sandbox.region()
                        + "\",\"crossAccountAccess\":{\"crossAccountRoleArn\":\""
                        + role2
                        + "\",\"externalId\":\"harness-ext\"}},\"delegateSelectors\":[\"irsa-delegate\"],\"executeOnDelegate\":true}}}");

        assertThat(testConnection("eks").path("status").asText()).isEqualTo("SUCCESS");
        JsonNode aws = testConnection("aws");
        assertThat(aws.path("status").asText()).as(aws.toString()).isEqualTo("SUCCESS");
        assertThat(sandbox.calls().all())
                .extracting(CallRecord::action)
                .contains("AssumeRoleWithWebIdentity", "AssumeRole", "DescribeRegions");
        // the emulated delegate's own calls say so: a benchmark counting the client's calls leaves them out
        assertThat(sandbox.calls().matching(c -> "harness-delegate".equals(c.origin())))
                .extracting(CallRecord::action)
                .contains("AssumeRoleWithWebIdentity", "AssumeRole", "DescribeRegions")
                .doesNotContain("testConnection");

        // the wrong external id: Role-2's trust refuses the hop
        createConnector(
                "{\"connector\":{\"name\":\"aws-wrong\",\"identifier\":\"aws_wrong\",\"type\":\"Aws\",\"spec\":{\"credential\":"
                        + "{\"type\":\"Irsa\",\"crossAccountAccess\":{\"crossAccountRoleArn\":\"" + role2
                        + "\",\"externalId\":\"not-it\"}},\"delegateSelectors\":[\"irsa-delegate\"]}}}");
        JsonNode broken = testConnection("aws_wrong");
        assertThat(broken.path("status").asText()).isEqualTo("FAILURE");
        assertThat(broken.path("errors").get(0).path("message").asText()).contains("sts:AssumeRole");

        // the log holds no API key and no delegate token
        assertThat(sandbox.calls().all().toString()).doesNotContain(apiKey).doesNotContain(token);
        assertThat(sandbox.calls().matching(c -> c.service().equals("harness")))
                .extracting(CallRecord::action)
                .contains(
                        "createDelegateToken",
                        "downloadDelegateManifest",
                        "listDelegates",
                        "createConnector",
                        "testConnection");
        assertThat(sandbox.calls().matching(c -> c.service().equals("harness") && c.mutating()))
                .extracting(CallRecord::action)
                .contains("createDelegateToken", "createConnector")
                .doesNotContain("listDelegates", "testConnection", "downloadDelegateManifest", "getConnector");
    }

    @Test
    void aPodStartedBeforeTheAnnotation_failsTheAwsTest_namingTheMissingWebIdentity() throws Exception {
        ok(harness("POST", "/ng/api/delegate-token-ng?tokenName=plain", null, apiKey));
        try (AwsClients aws = aws();
                KubernetesClient kube = kube(aws)) {
            kube.serviceAccounts()
                    .inNamespace(NS)
                    .resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                            .withNewMetadata()
                            .withName("not-yet-annotated")
                            .endMetadata()
                            .build())
                    .serverSideApply();
        }
        installDelegate("early-delegate", "not-yet-annotated", "plain");
        createConnector("{\"connector\":{\"name\":\"aws-early\",\"identifier\":\"aws_early\",\"type\":\"Aws\",\"spec\":"
                + "{\"credential\":{\"type\":\"Irsa\"},\"delegateSelectors\":[\"early-delegate\"]}}}");

        JsonNode result = testConnection("aws_early");
        assertThat(result.path("status").asText()).isEqualTo("FAILURE");
        assertThat(result.path("errors").get(0).path("message").asText()).contains("no web identity");
    }

    @Test
    void aRevokedToken_disconnectsTheDelegate_andADeletedDeploymentStopsItsHeartbeat() throws Exception {
        ok(harness("POST", "/ng/api/delegate-token-ng?tokenName=short-lived", null, apiKey));
        installDelegate("short-delegate", SA, "short-lived");
        assertThat(delegates("short-delegate")).hasSize(1);

        ok(harness("PUT", "/ng/api/delegate-token-ng?tokenName=short-lived", null, apiKey));
        assertThat(delegates("short-delegate")).isEmpty();

        ok(harness("POST", "/ng/api/delegate-token-ng?tokenName=again", null, apiKey));
        installDelegate("gone-delegate", SA, "again");
        assertThat(delegates("gone-delegate")).hasSize(1);
        try (AwsClients aws = aws();
                KubernetesClient kube = kube(aws)) {
            kube.apps().deployments().inNamespace(NS).withName("gone-delegate").delete();
            kube.pods()
                    .inNamespace(NS)
                    .withLabel("harness.io/name", "gone-delegate")
                    .delete();
        }
        assertThat(delegates("gone-delegate")).isEmpty();
    }

    @Test
    void oneDelegateName_inTwoClusters_isReportedAsTheNameClashItIs() throws Exception {
        run("eksIrsaCluster", new LinkedHashMap<>(Map.of("name", CLUSTER + "-2", "create", true, "timeout", "30s")));
        ok(harness("POST", "/ng/api/delegate-token-ng?tokenName=twice", null, apiKey));
        installDelegate(CLUSTER, "twin-delegate", SA, "twice");
        assertThat(delegates("twin-delegate").get(0).path("connected").asBoolean())
                .isTrue();

        installDelegate(CLUSTER + "-2", "twin-delegate", "default", "twice");

        JsonNode group = delegates("twin-delegate").get(0);
        assertThat(group.path("connected").asBoolean()).isFalse();
        assertThat(group.path("errorMessage").asText()).contains("2 clusters", "self destruct");
        assertThat(group.path("delegateReplicas")).hasSize(2);
    }

    @Test
    void wrongKey_isRefused_andNothingLeaksTheKey() throws Exception {
        HttpResponse<String> refused =
                harness("GET", "/ng/api/delegate-setup/latest-supported-version", null, "pat.wrong");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("status").asText()).isEqualTo("ERROR");
        assertThat(ok(harness("GET", "/ng/api/delegate-setup/latest-supported-version", null, apiKey))
                        .path("resource")
                        .path("latestSupportedVersion")
                        .asText())
                .isEqualTo(HarnessEndpoint.LATEST_VERSION);
        assertThat(sandbox.info().toString()).doesNotContain(apiKey);
        assertThat(sandbox.harness().account().toString()).doesNotContain(apiKey);
    }

    @Test
    void connectors_areValidatedAsHarnessDoes() throws Exception {
        HttpResponse<String> noSelectors = harness(
                "POST",
                "/ng/api/connectors",
                "{\"connector\":{\"name\":\"x\",\"identifier\":\"x1\",\"type\":\"Aws\",\"spec\":{\"credential\":{\"type\":\"Irsa\"}}}}",
                apiKey);
        assertThat(noSelectors.statusCode()).isEqualTo(400);
        assertThat(noSelectors.body()).contains("Delegate Selectors cannot be empty");
        HttpResponse<String> badId = harness(
                "POST",
                "/ng/api/connectors",
                "{\"connector\":{\"name\":\"x\",\"identifier\":\"1-bad\",\"type\":\"K8sCluster\",\"spec\":{\"credential\":{\"type\":\"InheritFromDelegate\"},\"delegateSelectors\":[\"d\"]}}}",
                apiKey);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("identifier");
        createConnector(
                "{\"connector\":{\"name\":\"dup\",\"identifier\":\"dup\",\"type\":\"K8sCluster\",\"spec\":{\"credential\":{\"type\":\"InheritFromDelegate\"},\"delegateSelectors\":[\"d\"]}}}");
        HttpResponse<String> duplicate = harness(
                "POST",
                "/ng/api/connectors",
                "{\"connector\":{\"name\":\"dup\",\"identifier\":\"dup\",\"type\":\"K8sCluster\",\"spec\":{\"credential\":{\"type\":\"InheritFromDelegate\"},\"delegateSelectors\":[\"d\"]}}}",
                apiKey);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.body()).contains("DUPLICATE_FIELD");
        assertThat(ok(harness("GET", "/ng/api/connectors/dup", null, apiKey))
                        .path("data")
                        .path("connector")
                        .path("name")
                        .asText())
                .isEqualTo("dup");
        ok(harness("DELETE", "/ng/api/connectors/dup", null, apiKey));
        assertThat(harness("GET", "/ng/api/connectors/dup", null, apiKey).statusCode())
                .isEqualTo(404);
        // a selector no delegate answers to
        createConnector(
                "{\"connector\":{\"name\":\"nobody\",\"identifier\":\"nobody\",\"type\":\"K8sCluster\",\"spec\":{\"credential\":{\"type\":\"InheritFromDelegate\"},\"delegateSelectors\":[\"no-such-delegate\"]}}}");
        assertThat(testConnection("nobody").path("errors").get(0).path("reason").asText())
                .isEqualTo("No eligible delegates");
    }
}
