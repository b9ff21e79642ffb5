package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.ec2.DefaultSubnets;
import dev.eksirsa.engine.aws.iam.ServiceRoleReconciler;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.cluster.NodegroupSpec;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster step's refusals: each stops before any mutating call, and each test fails if its guard goes. */
@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterGuardsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String EKS_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static Sandbox sandbox;
    private AwsClients aws;
    private ClusterReconciler reconciler;

    @BeforeAll
    static void startSandbox() {
        // clusters stay CREATING and DELETING for 2 s: long enough to be seen in those states
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofSeconds(2))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void connect() {
        aws = SandboxAws.clients(sandbox);
        reconciler = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), new SandboxAws.Lines());
    }

    @AfterEach
    void disconnect() {
        aws.close();
    }

    @Test
    void foreignServiceRoleOfTheDefaultName_isNotAdopted() {
        String name = uniqueName();
        aws.iam().createRole(b -> b.roleName(ServiceRoleReconciler.roleName(name, "cluster"))
                .assumeRolePolicyDocument(EKS_TRUST));
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec(name).create(true).build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was not created by eks-irsa");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void clusterBeingDeleted_isRefusedWithoutAnyWrite() {
        String name = uniqueName();
        sdkCluster(name);
        aws.eks().deleteCluster(b -> b.name(name));
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec(name).build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is DELETING");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void failedCluster_isRefusedWithoutAnyWrite() {
        String name = uniqueName();
        sdkCluster(name);
        sandbox.eks()
                .clusters()
                .find(sandbox.primary().accountId(), name)
                .orElseThrow()
                .markFailed();
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec(name).build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is FAILED");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void accessEntriesOnAConfigMapOnlyCluster_areRefusedWithTheFix() {
        String name = uniqueName();
        sdkCluster(name); // the EKS API's default authentication mode: CONFIG_MAP
        aws.eks().waiter().waitUntilClusterActive(b -> b.name(name), o -> o.backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(200)))
                .maxAttempts(100));
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec(name)
                        .accessPrincipalArns(
                                List.of("arn:aws:iam::" + sandbox.primary().accountId() + ":role/admin"))
                        .build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("CONFIG_MAP")
                .hasMessageContaining("API_AND_CONFIG_MAP");
        assertThat(mutating())
                .extracting(CallRecord::action)
                .doesNotContain("CreateAccessEntry", "AssociateAccessPolicy");
    }

    @Test
    void newCluster_canLeaveTheCreatorOutOfAdmin_andItsServiceRoleTrustsOnlyThisAccount() {
        String name = uniqueName();

        reconciler.reconcile(
                spec(name).create(true).bootstrapClusterCreatorAdmin(false).build());

        var cluster = aws.eks().describeCluster(b -> b.name(name)).cluster();
        assertThat(cluster.accessConfig().bootstrapClusterCreatorAdminPermissions())
                .isFalse();
        String trust = java.net.URLDecoder.decode(
                aws.iam()
                        .getRole(b -> b.roleName(ServiceRoleReconciler.roleName(name, "cluster")))
                        .role()
                        .assumeRolePolicyDocument(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(trust)
                .contains("\"aws:SourceAccount\":\"" + sandbox.primary().accountId() + "\"");
    }

    @Test
    void theApiAccessCheck_runsAfterTheAccessEntryThatLetsTheCallerIn() {
        String name = uniqueName();
        // a slow CreateAccessEntry: a check running beside it would find the caller not let in yet
        sandbox.faults().add(FaultRule.latency("eks", "CreateAccessEntry", Duration.ofMillis(700)));
        try {
            ClusterReconciler checking = new ClusterReconciler(
                    aws,
                    SandboxAws.thumbprints(sandbox),
                    new SandboxAws.Lines(),
                    new dev.eksirsa.engine.kube.KubeAccessCheck(aws, null));
            ClusterResult result = checking.reconcile(spec(name)
                    .create(true)
                    .bootstrapClusterCreatorAdmin(false)
                    .accessPrincipalArns(List.of(sandbox.primary().arn()))
                    .build());

            assertThat(result.warnings()).noneMatch(w -> w.contains("Kubernetes API"));
        } finally {
            sandbox.faults().clear();
        }
    }

    @Test
    void serviceRolesOfAnotherAccount_areRefusedBeforeAnyWrite() {
        String foreign = "arn:aws:iam::999988887777:role/";
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec(uniqueName())
                        .create(true)
                        .clusterRoleArn(foreign + "cluster")
                        .build()))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("invalid clusterRoleArn")
                .hasMessageContaining("999988887777");
        assertThatThrownBy(() -> reconciler.reconcile(spec(uniqueName())
                        .create(true)
                        .nodegroup(new NodegroupSpec("ng", null, 1, 1, 1, foreign + "node"))
                        .build()))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("invalid nodeRoleArn");
        assertThat(mutating()).isEmpty();
    }

    @Test
    void kubernetesVersionEksDoesNotOffer_isRefusedBeforeAnyWrite() {
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec(uniqueName())
                        .create(true)
                        .kubernetesVersion("1.99")
                        .build()))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("invalid kubernetesVersion: EKS does not offer Kubernetes 1.99");
        assertThat(mutating()).isEmpty();
    }

    private void sdkCluster(String name) {
        String roleArn = aws.iam()
                .createRole(b -> b.roleName(name + "-role").assumeRolePolicyDocument(EKS_TRUST))
                .role()
                .arn();
        List<String> subnets = new DefaultSubnets(aws.ec2()).find(sandbox.region());
        aws.eks().createCluster(b -> b.name(name).roleArn(roleArn).resourcesVpcConfig(v -> v.subnetIds(subnets)));
    }

    private static ClusterSpec.Builder spec(String name) {
        return ClusterSpec.builder(name).pollInterval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(30));
    }

    private static List<CallRecord> mutating() {
        return sandbox.calls().mutating();
    }

    private static String uniqueName() {
        return "g" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
