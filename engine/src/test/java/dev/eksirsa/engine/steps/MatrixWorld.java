package dev.eksirsa.engine.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.engine.api.StepResult;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.kube.EksClusterClients;
import dev.eksirsa.engine.kube.KubeClientOptions;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * One sandbox with a cluster, for tests that run many steps against it (the fault matrix, the concurrency test):
 * runs steps as the execution body does but with short Kubernetes and Harness retry waits, and counts what exists
 * (IAM roles and policies, OIDC providers, clusters, Kubernetes objects, Harness tokens) so a test can tell a
 * duplicate or an orphan from the desired state.
 */
final class MatrixWorld implements AutoCloseable {
    static final String CLUSTER = "matrix";
    static final String DELEGATE_NS = "harness-delegate-ng";
    static final String APPS_NS = "apps";
    /** Short waits between retries so faults cost milliseconds, not fabric8's default seconds. */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Sandbox sandbox;
    final Map<String, String> env;
    final Map<String, StoredCredentials> credentials;
    private AwsClients inspector;
    private KubernetesClient inspectorKube;

    MatrixWorld() {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(100))
                .withNodegroupActivationDelay(Duration.ofMillis(100)));
        credentials = SandboxSteps.credentials(sandbox);
        try {
            Path ca = Files.createTempFile("matrix-ca", ".pem");
            ca.toFile().deleteOnExit();
            Files.writeString(ca, sandbox.certificateAuthority().rootPem());
            env = Map.of(
                    "AWS_REGION", sandbox.region(),
                    "AWS_CA_BUNDLE", ca.toString(),
                    "HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a step as {@link StepCall#run} does (a step that did not reach its goal fails), with short retry waits. */
    Map<String, Object> run(String step, Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        args.put("credentialsId", "primary");
        args.put("endpointUrl", sandbox.awsEndpoint().toString());
        StepContext context =
                new StepContext(new EnvironmentConnectionResolver(env, false, credentials), env, null, RETRY_BACKOFF);
        StepResult result = Steps.byPipelineName(step).orElseThrow().run(args, context);
        if (!result.succeeded()) {
            throw new StepFailedException(step, result.failureSummary());
        }
        return result.toMap();
    }

    /** A new cluster; a short timeout makes the wait poll often (a tenth of it). */
    Map<String, Object> cluster(String name, String timeout) {
        return run("eksIrsaCluster", Map.of("name", name, "create", true, "timeout", timeout));
    }

    Map<String, Object> role(String namespace, String serviceAccount, String roleName) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", namespace);
        args.put("serviceAccount", serviceAccount);
        args.put("roleName", roleName);
        args.put(
                "inlinePolicies",
                Map.of(
                        "regions",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}"));
        return run("irsaRole", args);
    }

    Map<String, Object> delegate(String name, String serviceAccount, String k8sConnector) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("accountId", sandbox.harness().account().accountId());
        args.put("name", name);
        args.put("serviceAccount", serviceAccount);
        args.put("managerUrl", sandbox.harness().uri().toString());
        args.put("k8sConnector", k8sConnector);
        args.put("testConnectors", true);
        args.put("timeout", "60s");
        return run("harnessDelegate", args);
    }

    Map<String, Object> verify(String namespace, String serviceAccount) {
        return run(
                "verifyIrsa",
                Map.of("cluster", CLUSTER, "namespace", namespace, "serviceAccount", serviceAccount, "timeout", "20s"));
    }

    AwsClients aws() {
        return SandboxAws.connection(sandbox, sandbox.primary()).open();
    }

    KubernetesClient kube(AwsClients aws) {
        return EksClusterClients.forCluster(aws, CLUSTER, KubeClientOptions.DEFAULTS);
    }

    /** What exists now: IAM role names, and counts by kind of everything else. */
    record Inventory(Set<String> roles, Map<String, Integer> counts) {}

    /** What exists now; compared before and after a run, it shows duplicates and orphans. */
    Inventory inventory() {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> roles;
        {
            if (inspector == null) {
                inspector = aws();
                inspectorKube = kube(inspector);
            }
            AwsClients aws = inspector;
            KubernetesClient kube = inspectorKube;
            IamClient iam = aws.iam();
            roles = iam.listRolesPaginator().roles().stream()
                    .map(Role::roleName)
                    .collect(Collectors.toCollection(TreeSet::new));
            out.put(
                    "iam oidc providers",
                    iam.listOpenIDConnectProviders().openIDConnectProviderList().size());
            out.put("eks clusters", aws.eks().listClusters().clusters().size());
            out.put(
                    "k8s serviceaccounts",
                    kube.serviceAccounts().inAnyNamespace().list().getItems().size());
            out.put(
                    "k8s deployments",
                    kube.apps().deployments().inAnyNamespace().list().getItems().size());
            out.put(
                    "k8s secrets",
                    kube.secrets().inAnyNamespace().list().getItems().size());
            out.put("k8s namespaces", kube.namespaces().list().getItems().size());
            out.put(
                    "k8s rolebindings",
                    kube.rbac()
                            .roleBindings()
                            .inAnyNamespace()
                            .list()
                            .getItems()
                            .size());
            out.put(
                    "k8s clusterrolebindings",
                    kube.rbac().clusterRoleBindings().list().getItems().size());
        }
        out.put(
                "harness delegate tokens",
                harness("GET", "/ng/api/delegate-token-ng", null)
                        .path("resource")
                        .size());
        return new Inventory(roles, out);
    }

    /**
     * What changed from {@code before} to {@code after}: each count's change (unchanged kinds left out), and the
     * new IAM roles with their inline and attached policies.
     */
    Map<String, Integer> delta(Inventory before, Inventory after) {
        Map<String, Integer> out = new TreeMap<>();
        after.counts().forEach((kind, n) -> {
            int d = n - before.counts().getOrDefault(kind, 0);
            if (d != 0) {
                out.put(kind, d);
            }
        });
        List<String> made =
                after.roles().stream().filter(r -> !before.roles().contains(r)).toList();
        if (!made.isEmpty()) {
            out.put("iam roles", made.size());
            {
                IamClient iam = inspector.iam();
                out.put(
                        "iam inline policies",
                        made.stream()
                                .mapToInt(r -> iam.listRolePolicies(b -> b.roleName(r))
                                        .policyNames()
                                        .size())
                                .sum());
                out.put(
                        "iam attached policies",
                        made.stream()
                                .mapToInt(r -> iam.listAttachedRolePolicies(b -> b.roleName(r))
                                        .attachedPolicies()
                                        .size())
                                .sum());
            }
        }
        return out;
    }

    JsonNode harness(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(sandbox.harness().uri() + path + "?accountIdentifier="
                                + sandbox.harness().account().accountId()))
                .header("x-api-key", sandbox.harness().account().apiKey())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return JSON.readTree(
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Delegate groups of this name, and their replicas, as Harness lists them. */
    JsonNode delegates(String name) {
        return harness(
                        "POST",
                        "/ng/api/delegate-setup/listDelegates",
                        "{\"filterType\":\"Delegate\",\"delegateName\":\"" + name + "\"}")
                .path("resource");
    }

    /** The secrets a user must never see in an error: both accounts' secret keys and the Harness API key. */
    List<String> secrets() {
        return List.of(
                sandbox.primary().secretAccessKey(),
                sandbox.secondary().secretAccessKey(),
                sandbox.harness().account().apiKey());
    }

    @Override
    public void close() {
        if (inspector != null) {
            inspectorKube.close();
            inspector.close();
        }
        sandbox.close();
    }
}
