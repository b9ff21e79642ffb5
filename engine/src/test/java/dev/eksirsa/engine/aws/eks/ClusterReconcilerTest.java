package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ChangeAction;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.cluster.DesiredState;
import dev.eksirsa.engine.cluster.NodegroupSpec;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;

@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterReconcilerTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Sandbox sandbox;

    private AwsClients aws;
    private SandboxAws.Lines lines;
    private ClusterReconciler reconciler;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxAws.fastSandbox();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void connect() {
        aws = SandboxAws.clients(sandbox);
        lines = new SandboxAws.Lines();
        reconciler = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), lines);
    }

    @AfterEach
    void disconnect() {
        aws.close();
    }

    @Test
    void reconcile_createFromNothing_createsClusterAndOidcProvider() {
        String name = uniqueName();
        sandbox.calls().clear();

        ClusterResult result = reconciler.reconcile(create(name).build());

        assertThat(actions(sandbox.calls().mutating()))
                .contains("CreateRole", "AttachRolePolicy", "CreateCluster", "CreateOpenIDConnectProvider");
        assertThat(result.status()).isEqualTo("ACTIVE");
        assertThat(result.created()).isTrue();
        assertThat(result.oidcProviderCreated()).isTrue();
        assertThat(result.accountId()).isEqualTo(sandbox.primary().accountId());
        assertThat(result.oidcIssuer()).startsWith("https://");
        assertThat(result.oidcProviderArn())
                .isEqualTo("arn:aws:iam::" + sandbox.primary().accountId() + ":oidc-provider/"
                        + result.oidcIssuer().substring("https://".length()));
        GetOpenIdConnectProviderResponse provider = provider(result.oidcProviderArn());
        assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com");
        assertThat(provider.thumbprintList()).containsExactly(sandbox.oidc().topCertificateThumbprint());
        assertThat(result.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .contains("IamRole:CREATE", "EksCluster:CREATE", "OidcProvider:CREATE");
        assertThat(result.changes())
                .filteredOn(c -> c.kind().equals("EksCluster"))
                .extracting(c -> c.id())
                .containsExactly(result.arn());
        assertThat(lines.all)
                .anyMatch(l -> l.startsWith("INFO Waiting for EKS cluster \"" + name + "\" to become ACTIVE"));
        assertThat(aws.eks().describeCluster(b -> b.name(name)).cluster().tags())
                .containsEntry("managed-by", "eks-irsa")
                .containsEntry("eks-irsa:cluster", name);
    }

    @Test
    void toMap_withNodegroupAndChanges_hasExactlyTheContractKeysAndOnlyJenkinsSafeValues() {
        ClusterResult result = reconciler.reconcile(create(uniqueName())
                .nodegroup(new NodegroupSpec("ng", List.of("t3.small"), 1, 1, 2, null))
                .build());

        Map<String, Object> map = result.toMap();

        // the keys, plus warnings (how foreign resources and access problems are reported) and dryRun
        assertThat(map.keySet())
                .containsExactly(
                        "name",
                        "arn",
                        "accountId",
                        "region",
                        "status",
                        "version",
                        "endpoint",
                        "certificateAuthority",
                        "oidcIssuer",
                        "oidcProviderArn",
                        "created",
                        "oidcProviderCreated",
                        "nodeGroups",
                        "changes",
                        "warnings",
                        "dryRun");
        assertThat((List<?>) map.get("nodeGroups")).singleElement().satisfies(n -> assertThat(((Map<?, ?>) n).keySet())
                .hasToString("[name, status, instanceTypes, desiredSize]"));
        assertThat((List<?>) map.get("changes")).isNotEmpty().allSatisfy(c -> assertThat(((Map<?, ?>) c).keySet())
                .hasToString("[action, kind, id, detail]"));
        assertJenkinsSafe("result", map);
    }

    /** Pipeline return values must be plain Strings, Booleans, Integers, Longs, Lists and Maps (or null). */
    private static void assertJenkinsSafe(String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).as(path + " key").isInstanceOf(String.class);
                assertJenkinsSafe(path + "." + k, v);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertJenkinsSafe(path + "[" + i + "]", list.get(i));
            }
        } else if (value != null) {
            assertThat(value.getClass()).as(path).isIn(String.class, Boolean.class, Integer.class, Long.class);
        }
    }

    @Test
    void reconcile_secondRun_makesNoMutatingCallAndReportsNoChange() {
        String name = uniqueName();
        reconciler.reconcile(create(name).build());
        sandbox.calls().clear();

        ClusterResult again = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), lines)
                .reconcile(create(name).build());

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(again.changes()).isEmpty();
        assertThat(again.created()).isFalse();
        assertThat(again.oidcProviderCreated()).isFalse();
        assertThat(again.status()).isEqualTo("ACTIVE");
    }

    @Test
    void reconcile_existingClusterWithoutProvider_createsProvider() {
        String name = uniqueName();
        String issuer = existingCluster(name);
        sandbox.calls().clear();

        ClusterResult result = reconciler.reconcile(ClusterSpec.existing(name));

        assertThat(actions(sandbox.calls().mutating())).containsExactly("CreateOpenIDConnectProvider");
        assertThat(result.created()).isFalse();
        assertThat(result.oidcProviderCreated()).isTrue();
        assertThat(result.oidcIssuer()).isEqualTo(issuer);
        assertThat(provider(result.oidcProviderArn()).thumbprintList())
                .containsExactly(sandbox.oidc().topCertificateThumbprint());
        assertThat(provider(result.oidcProviderArn()).tags())
                .anyMatch(t -> t.key().equals("managed-by") && t.value().equals("eks-irsa"));
    }

    @Test
    void reconcile_ourProviderWithStaleThumbprintAndNoClientId_isRepaired() {
        String name = uniqueName();
        ClusterResult first = reconciler.reconcile(create(name).build());
        String arn = first.oidcProviderArn();
        aws.iam().updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(arn)
                .thumbprintList("0".repeat(40)));
        aws.iam().removeClientIDFromOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)
                .clientID("sts.amazonaws.com"));
        sandbox.calls().clear();

        ClusterResult result = reconciler.reconcile(ClusterSpec.existing(name));

        assertThat(actions(sandbox.calls().mutating()))
                .containsExactlyInAnyOrder(
                        "AddClientIDToOpenIDConnectProvider", "UpdateOpenIDConnectProviderThumbprint");
        assertThat(result.changes()).extracting(c -> c.action()).containsOnly(ChangeAction.UPDATE);
        assertThat(provider(arn).thumbprintList())
                .containsExactly(sandbox.oidc().topCertificateThumbprint());
        assertThat(provider(arn).clientIDList()).containsExactly("sts.amazonaws.com");
    }

    @Test
    void reconcile_foreignProviderWithStaleThumbprint_isReportedNotTouched() {
        String name = uniqueName();
        String issuer = existingCluster(name);
        String arn = aws.iam()
                .createOpenIDConnectProvider(
                        b -> b.url(issuer).clientIDList("other-audience").thumbprintList("1".repeat(40)))
                .openIDConnectProviderArn();
        sandbox.calls().clear();

        ClusterResult result = reconciler.reconcile(ClusterSpec.existing(name));

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(result.changes()).isEmpty();
        assertThat(result.oidcProviderArn()).isEqualTo(arn);
        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains(arn, "not created by eks-irsa", "client id sts.amazonaws.com missing", "thumbprint");
        assertThat(provider(arn).thumbprintList()).containsExactly("1".repeat(40));
        assertThat(lines.all).anyMatch(l -> l.startsWith("WARN IAM OIDC provider " + arn));
    }

    @Test
    void reconcile_dryRunOnMissingCluster_plansEverythingAndMutatesNothing() {
        String name = uniqueName();
        sandbox.calls().clear();

        ClusterResult plan = reconciler.reconcile(create(name)
                .dryRun(true)
                .accessPrincipalArns(List.of("arn:aws:iam::" + sandbox.primary().accountId() + ":role/jenkins"))
                .build());

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(plan.status()).isEqualTo(ClusterResult.MISSING);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .containsExactly(
                        "IamRole:CREATE",
                        "IamRolePolicy:UPDATE",
                        "EksCluster:CREATE",
                        "AccessEntry:CREATE",
                        "OidcProvider:CREATE");
        String account = sandbox.primary().accountId();
        String eks = "arn:aws:eks:" + sandbox.region() + ":" + account + ":";
        assertThat(plan.changes())
                .filteredOn(c -> c.kind().startsWith("Eks") || c.kind().equals("AccessEntry"))
                .extracting(c -> c.id())
                .containsExactly(
                        eks + "cluster/" + name, eks + "access-entry/" + name + "/role/" + account + "/jenkins");
        assertThat(aws.eks().listClusters().clusters()).doesNotContain(name);
    }

    @Test
    void reconcile_dryRunOnDrift_plansRepairAndMutatesNothing() {
        String name = uniqueName();
        existingCluster(name);
        sandbox.calls().clear();

        ClusterResult plan =
                reconciler.reconcile(ClusterSpec.builder(name).dryRun(true).build());

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(plan.changes()).extracting(c -> c.kind() + ":" + c.action()).containsExactly("OidcProvider:CREATE");
        assertThat(plan.oidcProviderCreated()).isTrue();
    }

    @Test
    void reconcile_missingClusterWithoutCreate_failsClearlyWithoutMutating() {
        String name = uniqueName();
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(ClusterSpec.existing(name)))
                .isInstanceOf(EksIrsaException.class)
                .hasMessageContaining("EKS cluster \"" + name + "\" not found in " + sandbox.region())
                .hasMessageContaining("create");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_badInput_isRejectedBeforeAnyMutatingCall() {
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(create("ok")
                        .clusterRoleArn("arn:aws-cn:iam::111122223333:role/r")
                        .build()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("clusterRoleArn"));
        assertThatThrownBy(() -> create("bad_name!").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() ->
                        create("ok").subnetIds(List.of("subnet-1", "subnet-2")).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("subnetIds"));

        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void reconcile_accessPrincipal_getsEntryWithClusterAdminOnce() {
        String name = uniqueName();
        String jenkins = aws.iam()
                .createRole(b -> b.roleName("jenkins-" + name)
                        .assumeRolePolicyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                                        + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role()
                .arn();
        ClusterSpec spec = create(name).accessPrincipalArns(List.of(jenkins)).build();

        ClusterResult result = reconciler.reconcile(spec);
        sandbox.calls().clear();
        ClusterResult again = reconciler.reconcile(spec);

        assertThat(result.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .contains("AccessEntry:CREATE");
        assertThat(aws.eks()
                        .listAssociatedAccessPolicies(b -> b.clusterName(name).principalArn(jenkins))
                        .associatedAccessPolicies())
                .extracting(p -> p.policyArn())
                .containsExactly("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(again.changes()).isEmpty();
        String entryArn = aws.eks()
                .describeAccessEntry(b -> b.clusterName(name).principalArn(jenkins))
                .accessEntry()
                .accessEntryArn();
        assertThat(result.changes())
                .filteredOn(c -> c.kind().equals("AccessEntry"))
                .singleElement()
                .satisfies(c -> assertThat(entryArn).startsWith(c.id() + "/"));
        aws.eks().disassociateAccessPolicy(b -> b.clusterName(name)
                .principalArn(jenkins)
                .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"));
        assertThat(reconciler
                        .reconcile(ClusterSpec.builder(name)
                                .accessPrincipalArns(List.of(jenkins))
                                .dryRun(true)
                                .build())
                        .changes())
                .filteredOn(c -> c.kind().equals("AccessEntry"))
                .extracting(c -> c.action() + " " + c.id())
                .containsExactly("UPDATE " + entryArn);
    }

    @Test
    void reconcile_absent_deletesOnlyWhatIsOurs() {
        String ours = uniqueName();
        reconciler.reconcile(create(ours).build());
        String foreign = uniqueName();
        existingCluster(foreign);

        ClusterResult gone = reconciler.reconcile(ClusterSpec.builder(ours)
                .state(DesiredState.ABSENT)
                .pollInterval(Duration.ofMillis(100))
                .build());
        ClusterResult kept = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), lines)
                .reconcile(
                        ClusterSpec.builder(foreign).state(DesiredState.ABSENT).build());

        assertThat(gone.status()).isEqualTo(ClusterResult.DELETED);
        assertThat(gone.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .containsExactly("EksCluster:DELETE", "OidcProvider:DELETE", "IamRole:DELETE");
        assertThat(aws.eks().listClusters().clusters()).doesNotContain(ours).contains(foreign);
        assertThat(kept.changes()).isEmpty();
        assertThat(kept.warnings()).singleElement().asString().contains("not created by eks-irsa");
        sandbox.calls().clear();
        ClusterResult again = new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), lines)
                .reconcile(ClusterSpec.builder(ours).state(DesiredState.ABSENT).build());
        assertThat(again.changes()).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_absentOnAForeignCluster_removesTheProviderEksIrsaAddedAndKeepsTheCluster() {
        String foreign = uniqueName();
        existingCluster(foreign);
        ClusterResult ensured = reconciler.reconcile(ClusterSpec.builder(foreign)
                .pollInterval(Duration.ofMillis(100))
                .build());
        assertThat(ensured.oidcProviderCreated()).isTrue();

        ClusterResult absent = reconciler.reconcile(ClusterSpec.builder(foreign)
                .state(DesiredState.ABSENT)
                .pollInterval(Duration.ofMillis(100))
                .build());

        assertThat(absent.changes())
                .extracting(c -> c.kind() + ":" + c.action() + ":" + c.id())
                .containsExactly("OidcProvider:DELETE:" + ensured.oidcProviderArn());
        assertThat(aws.eks().listClusters().clusters()).contains(foreign);
        assertThat(aws.iam().listOpenIDConnectProviders().openIDConnectProviderList())
                .noneMatch(p -> p.arn().equals(ensured.oidcProviderArn()));
    }

    @Test
    void reconcile_withNodegroup_createsItActiveRerunsCleanAndTearsDownInOrder() {
        String name = uniqueName();
        ClusterSpec spec = create(name)
                .nodegroup(new NodegroupSpec("workers", List.of("t3.large"), 1, 2, 3, null))
                .build();

        ClusterResult result = reconciler.reconcile(spec);
        String nodegroupArn = aws.eks()
                .describeNodegroup(b -> b.clusterName(name).nodegroupName("workers"))
                .nodegroup()
                .nodegroupArn();
        sandbox.calls().clear();
        ClusterResult again = reconciler.reconcile(spec);
        List<CallRecord> rerunWrites = sandbox.calls().mutating();
        ClusterResult gone = reconciler.reconcile(ClusterSpec.builder(name)
                .state(DesiredState.ABSENT)
                .pollInterval(Duration.ofMillis(100))
                .build());

        assertThat(result.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .contains("EksNodegroup:CREATE")
                .filteredOn(s -> s.startsWith("IamRole:CREATE"))
                .hasSize(2);
        assertThat(result.changes())
                .filteredOn(c -> c.kind().equals("EksNodegroup"))
                .extracting(c -> c.id())
                .singleElement()
                .satisfies(id -> assertThat(nodegroupArn).startsWith(id + "/"));
        assertThat(result.toMap().get("nodeGroups"))
                .isEqualTo(List.of(Map.of(
                        "name",
                        "workers",
                        "status",
                        "ACTIVE",
                        "instanceTypes",
                        List.of("t3.large"),
                        "desiredSize",
                        2)));
        assertThat(rerunWrites).isEmpty();
        assertThat(again.changes()).isEmpty();
        assertThat(gone.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .containsExactly(
                        "EksNodegroup:DELETE",
                        "EksCluster:DELETE",
                        "OidcProvider:DELETE",
                        "IamRole:DELETE",
                        "IamRole:DELETE");
    }

    @Test
    void results_exceptionsAndProgress_neverContainTheSecretKey() {
        String name = uniqueName();
        String secret = sandbox.primary().secretAccessKey();
        ClusterResult result = reconciler.reconcile(create(name).build());
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> reconciler.reconcile(ClusterSpec.existing(uniqueName())));

        assertThat(result.toMap().toString()).doesNotContain(secret);
        assertThat(result.toString()).doesNotContain(secret);
        assertThat(String.join("\n", lines.all)).doesNotContain(secret);
        assertThat(failure.getMessage()).doesNotContain(secret);
        assertThat(SandboxAws.connection(sandbox, sandbox.primary()).toString()).doesNotContain(secret);
    }

    private ClusterSpec.Builder create(String name) {
        return ClusterSpec.builder(name)
                .create(true)
                .pollInterval(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(30));
    }

    /** A cluster made directly through the SDK, not by eks-irsa; returns its issuer. */
    private String existingCluster(String name) {
        String roleArn = aws.iam()
                .createRole(b -> b.roleName(name + "-role")
                        .assumeRolePolicyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                                        + "\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role()
                .arn();
        List<String> subnets = new dev.eksirsa.engine.aws.ec2.DefaultSubnets(aws.ec2()).find(sandbox.region());
        aws.eks().createCluster(b -> b.name(name).roleArn(roleArn).resourcesVpcConfig(v -> v.subnetIds(subnets)));
        aws.eks().waiter().waitUntilClusterActive(b -> b.name(name), o -> o.backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
                .maxAttempts(100));
        return aws.eks()
                .describeCluster(b -> b.name(name))
                .cluster()
                .identity()
                .oidc()
                .issuer();
    }

    private GetOpenIdConnectProviderResponse provider(String arn) {
        return aws.iam().getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
    }

    private static List<String> actions(List<CallRecord> calls) {
        return calls.stream().map(CallRecord::action).toList();
    }

    private static String uniqueName() {
        return "c" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
