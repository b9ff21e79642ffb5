package dev.eksirsa.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.EksToken;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.testkit.AwsCli;
import dev.eksirsa.testkit.AwsKeys;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients from endpoint + CA + EKS token, and from kubeconfig files, against the sandbox's API servers. */
@RunsAgainst(Backend.SANDBOX_SDK)
class KubeClientsTest {
    private static final String CLUSTER = "kube-clients";
    private static Sandbox sandbox;
    private static AwsClients admin;
    private static KubeEndpoint endpoint;

    @BeforeAll
    static void cluster() {
        sandbox = SandboxAws.fastSandbox();
        admin = KubeFixtures.admin(sandbox).open();
        ClusterResult result = KubeFixtures.reconcile(
                sandbox, admin, KubeFixtures.create(CLUSTER).build(), new SandboxAws.Lines());
        endpoint = KubeEndpoint.of(result);
    }

    @AfterAll
    static void stop() {
        admin.close();
        sandbox.close();
    }

    @Test
    void eks_engineToken_isAcceptedAndListsNamespaces() {
        sandbox.calls().clear();

        try (KubernetesClient client = KubeClients.eks(endpoint, generator(admin))) {
            assertThat(client.namespaces().list().getItems())
                    .extracting(n -> n.getMetadata().getName())
                    .contains("default", "kube-system");
        }

        assertThat(sandbox.calls().matching(r -> "kubernetes".equals(r.service())))
                .anySatisfy(r -> {
                    assertThat(r.cluster()).isEqualTo(CLUSTER);
                    assertThat(r.principal()).isEqualTo(sandbox.primary().arn());
                    assertThat(r.status()).isEqualTo(200);
                });
    }

    @Test
    void eks_withTheStepsProxy_reachesTheApiServerThroughATunnel() throws Exception {
        try (dev.eksirsa.engine.aws.TunnelProxy proxy = new dev.eksirsa.engine.aws.TunnelProxy()) {
            var settings =
                    dev.eksirsa.engine.aws.ProxySettings.fromEnvironment(java.util.Map.of("HTTPS_PROXY", proxy.url()));
            try (KubernetesClient client =
                    KubeClients.eks(endpoint, generator(admin), KubeClientOptions.DEFAULTS.withProxy(settings))) {
                assertThat(client.namespaces().list().getItems()).isNotEmpty();
            }
            java.net.URI server = java.net.URI.create(endpoint.server());
            assertThat(proxy.targets()).isNotEmpty().allMatch(t -> t.endsWith(":" + server.getPort()));
        }
    }

    @Test
    void eks_tokenSignedForAnotherCluster_isRefusedWith401AndAPlainMessage() {
        EksTokenGenerator generator = generator(admin);

        Throwable failure;
        try (KubernetesClient client = KubeClients.eks(
                endpoint, () -> generator.generate("another-cluster"), Clock.systemUTC(), KubeClientOptions.PROBE)) {
            KubernetesClientException refused = catchThrowableOfType(
                    KubernetesClientException.class, () -> client.namespaces().list());
            assertThat(refused.getCode()).isEqualTo(401);
            failure = catchThrowableOfType(
                    AccessDeniedException.class,
                    () -> KubeErrors.call(endpoint, "listing namespaces", () -> client.namespaces()
                            .list()));
        }

        assertThat(failure.getMessage())
                .contains("listing namespaces on EKS cluster \"kube-clients\" failed", "401", "cluster name")
                .doesNotContain(EksToken.PREFIX, sandbox.primary().secretAccessKey());
    }

    @Test
    void eks_principalWithoutAccessEntry_isRefusedWith403AndTheMessageSaysWhatToDo() {
        try (AwsClients operator = KubeFixtures.operator(sandbox, "no-entry").open();
                KubernetesClient client = KubeClients.eks(endpoint, generator(operator), KubeClientOptions.PROBE)) {
            AccessDeniedException failure = catchThrowableOfType(
                    AccessDeniedException.class,
                    () -> KubeErrors.call(endpoint, "listing namespaces", () -> client.namespaces()
                            .list()));

            assertThat(((KubernetesClientException) failure.getCause()).getCode())
                    .isEqualTo(403);
            assertThat(failure.getMessage())
                    .contains("403 Forbidden", "access entry", "--access-principal-arn", "accessPrincipalArns");
        }
    }

    @Test
    @RunsAgainst({Backend.SANDBOX_SDK, Backend.AWS_CLI})
    void eks_tokenFromAwsEksGetToken_isAccepted() {
        // no endpoint: get-token only presigns, for the region's public STS host, which the sandbox verifies locally
        AwsCli aws = AwsCli.against(
                null,
                AwsKeys.of(sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey()),
                sandbox.region());
        CliResult result = aws.run("eks", "get-token", "--cluster-name", CLUSTER);
        assertThat(result.exitCode()).as("%s", result).isZero();
        String token = result.json().path("status").path("token").asText();
        assertThat(token).startsWith(EksToken.PREFIX);
        Instant now = Instant.now();

        try (KubernetesClient client = KubeClients.eks(
                endpoint,
                () -> new EksToken(token, now, now.plus(Duration.ofMinutes(14))),
                Clock.systemUTC(),
                KubeClientOptions.PROBE)) {
            assertThat(client.namespaces().withName("default").get()).isNotNull();
        }
    }

    @Test
    void fromKubeconfig_execEntry_runsOnlyWhenAllowedAndIsAccepted(@TempDir Path dir) throws Exception {
        String token = generator(admin).generate(CLUSTER).value();
        Path plugin = dir.resolve("token.sh");
        Files.writeString(
                plugin,
                "#!/bin/sh\necho '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                        + "\"status\":{\"token\":\"" + token + "\"}}'\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        Path kubeconfig = Files.writeString(
                dir.resolve("kubeconfig"),
                """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: u
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: %s
                      interactiveMode: Never
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                current-context: ctx
                """
                        .formatted(endpoint.server(), endpoint.certificateAuthorityData(), plugin));

        Path ran = dir.resolve("ran");
        Files.writeString(plugin, Files.readString(plugin).replace("#!/bin/sh\n", "#!/bin/sh\ntouch " + ran + "\n"));

        assertThatThrownBy(() -> KubeClients.fromKubeconfig(kubeconfig, false))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("exec");
        assertThat(ran).doesNotExist();

        try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig, true)) {
            assertThat(client.namespaces().withName("default").get()).isNotNull();
        }
        assertThat(ran).exists();
    }

    @Test
    void endpoint_badInputs_nameTheField() {
        String ca = endpoint.certificateAuthorityData();
        String notPem = Base64.getEncoder().encodeToString("hello".getBytes());

        for (List<String> bad : List.of(
                List.of("kube-clients", "http://127.0.0.1:1", ca, "server"),
                List.of("kube-clients", endpoint.server(), notPem, "certificateAuthorityData"),
                List.of("-bad", endpoint.server(), ca, "clusterName"))) {
            assertThat(catchThrowableOfType(
                                    dev.eksirsa.engine.api.InvalidInputException.class,
                                    () -> new KubeEndpoint(bad.get(0), bad.get(1), bad.get(2)))
                            .field())
                    .isEqualTo(bad.get(3));
        }
    }

    private static EksTokenGenerator generator(AwsClients aws) {
        return new EksTokenGenerator(aws.credentialsProvider(), aws.region(), null, Clock.systemUTC());
    }
}
