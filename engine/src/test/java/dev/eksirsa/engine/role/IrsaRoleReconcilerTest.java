package dev.eksirsa.engine.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ChangeAction;
import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.aws.iam.PrincipalPropagation;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyJson;
import dev.eksirsa.engine.aws.iam.policy.PolicyStatement;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

@RunsAgainst(Backend.SANDBOX_SDK)
class IrsaRoleReconcilerTest {
    private static final String S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
    private static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private static final String EC2_FULL = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";
    private static final String TUTORIAL_ROLE1_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::aws:policy/AmazonS3FullAccess\"}]}";
    private static final String DESCRIBE_REGIONS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static Sandbox sandbox;
    private static String issuer;

    private AwsClients aws;
    private SandboxAws.Lines lines;
    private IrsaRoleReconciler reconciler;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxAws.fastSandbox();
        issuer = IrsaSandbox.clusterWithProvider(sandbox, IrsaSandbox.CLUSTER);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void connect() {
        aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
        lines = new SandboxAws.Lines();
        reconciler = new IrsaRoleReconciler(
                aws,
                new EnvironmentConnectionResolver(
                        Map.of(
                                SECONDARY.accessKeyId(), sandbox.secondary().accessKeyId(),
                                SECONDARY.secretAccessKey(), sandbox.secondary().secretAccessKey()),
                        false),
                lines,
                PrincipalPropagation.standard());
        sandbox.faults().clear();
    }

    @AfterEach
    void disconnect() {
        aws.close();
    }

    @Test
    void reconcile_runbookChain_tokenAssumesRole1AndRole1AssumesOnlyRole2() {
        String ns = "harness-delegate-ng";
        String sa = unique("delegate");
        String role2 = unique("role-2");
        IrsaRoleSpec spec = base(ns, sa)
                .policyArn(EC2_FULL)
                .policyArn(S3_FULL)
                .inlinePolicy("DescribeRegions", DESCRIBE_REGIONS)
                .targetRole(target(role2).withInlinePolicies(Map.of("DescribeRegions", DESCRIBE_REGIONS)))
                .build();
        sandbox.calls().clear();

        IrsaRoleResult result = reconciler.reconcile(spec);

        assertThat(actions(sandbox.calls().mutating()))
                .contains("CreateRole", "PutRolePolicy", "AttachRolePolicy")
                .doesNotContain("DeleteRole", "DetachRolePolicy");
        assertThat(result.created()).isTrue();
        assertThat(result.roleName()).isEqualTo(IrsaSandbox.CLUSTER + "-" + ns + "-" + sa);
        assertThat(result.roleArn())
                .isEqualTo("arn:aws:iam::" + sandbox.primary().accountId() + ":role/" + result.roleName());
        String role2Arn = "arn:aws:iam::" + sandbox.secondary().accountId() + ":role/" + role2;
        assertThat(result.targetRoleArns()).containsExactly(role2Arn);
        assertThat(result.serviceAccounts()).containsExactly(ns + "/" + sa);
        assertThat(result.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .contains("IamRole:CREATE", "IamRolePolicy:UPDATE");
        assertThat(result.changes())
                .filteredOn(c -> c.kind().equals("IamRolePolicy"))
                .extracting(c -> c.id())
                .contains(
                        result.roleArn() + "/DescribeRegions",
                        result.roleArn() + "/" + IrsaRoleReconciler.ASSUME_ROLES_POLICY,
                        role2Arn + "/DescribeRegions");

        Credentials role1 = assumeWithToken(result.roleArn(), ns, sa);
        try (StsClient asRole1 = IrsaSandbox.sts(sandbox, IrsaSandbox.keys(role1))) {
            Credentials hop = asRole1.assumeRole(b -> b.roleArn(role2Arn).roleSessionName("hop"))
                    .credentials();
            try (StsClient asRole2 = IrsaSandbox.sts(sandbox, IrsaSandbox.keys(hop))) {
                assertThat(asRole2.getCallerIdentity().arn()).contains(":assumed-role/" + role2 + "/hop");
            }
            String other = otherRoleTrustingPrimaryAccount();
            assertThatThrownBy(() -> asRole1.assumeRole(b -> b.roleArn(other).roleSessionName("probe")))
                    .isInstanceOf(StsException.class)
                    .hasMessageContaining("not authorized");
        }
        assertThatThrownBy(() -> assumeWithToken(result.roleArn(), ns, unique("other-sa")))
                .isInstanceOf(StsException.class);
        assertThatThrownBy(() -> assumeWithToken(result.roleArn(), "other-ns", sa))
                .isInstanceOf(StsException.class);
    }

    @Test
    void reconcile_secondRun_issuesNoMutatingCallAndReportsNoChange() {
        IrsaRoleSpec spec = base("apps", unique("sa"))
                .policyArn(S3_READ)
                .inlinePolicy("DescribeRegions", DESCRIBE_REGIONS)
                .tag("team", "platform")
                .description("reads the artifacts bucket")
                .maxSessionDuration(7200)
                .targetRole(target(unique("role-2")).withExternalId("ext-123456"))
                .build();
        reconciler.reconcile(spec);
        sandbox.calls().clear();

        IrsaRoleResult again = reconciler.reconcile(spec);

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(again.changes()).isEmpty();
        assertThat(again.created()).isFalse();
        assertThat(again.updated()).isFalse();
    }

    @Test
    void reconcile_driftOnOurRole_repairsTrustAndRemovesExtraPolicy() {
        String sa = unique("sa");
        IrsaRoleSpec spec = base("apps", sa).policyArn(S3_READ).build();
        IrsaRoleResult first = reconciler.reconcile(spec);
        try (IamClient iam = IrsaSandbox.iam(sandbox, sandbox.primary())) {
            String tampered = PolicyDocument.of(List.of(PolicyStatement.trust(
                            "EksIrsaWebIdentity",
                            Map.of("Federated", List.of(providerArn())),
                            List.of("sts:AssumeRoleWithWebIdentity"),
                            Map.of("StringLike", Map.of(hostPath() + ":sub", List.of("system:serviceaccount:*"))))))
                    .toJson();
            iam.updateAssumeRolePolicy(b -> b.roleName(first.roleName()).policyDocument(tampered));
            iam.attachRolePolicy(b -> b.roleName(first.roleName()).policyArn(EC2_FULL));
            iam.putRolePolicy(
                    b -> b.roleName(first.roleName()).policyName("Extra").policyDocument(DESCRIBE_REGIONS));
        }
        sandbox.calls().clear();

        IrsaRoleResult repaired = reconciler.reconcile(spec);

        assertThat(actions(sandbox.calls().mutating()))
                .containsExactlyInAnyOrder("UpdateAssumeRolePolicy", "DetachRolePolicy", "DeleteRolePolicy");
        assertThat(repaired.updated()).isTrue();
        assertThat(attached(first.roleName(), sandbox.primary())).containsExactly(S3_READ);
        assertThat(trust(first.roleName(), sandbox.primary()).toJson()).contains("system:serviceaccount:apps:" + sa);
        assertThat(trust(first.roleName(), sandbox.primary()).toJson()).doesNotContain("system:serviceaccount:*");
        sandbox.calls().clear();
        reconciler.reconcile(spec);
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_foreignRole_onlyAddsAndKeepsOthersStatementsAndPolicies() {
        String roleName = unique("foreign");
        createForeignRole(roleName, sandbox.primary());
        IrsaRoleSpec spec =
                base("apps", unique("sa")).roleName(roleName).policyArn(S3_READ).build();

        IrsaRoleResult result = reconciler.reconcile(spec);

        PolicyDocument trust = trust(roleName, sandbox.primary());
        assertThat(trust.statements()).hasSize(2);
        assertThat(trust.notOurs()).singleElement().satisfies(s -> assertThat(s.principals())
                .containsEntry("Service", List.of("ec2.amazonaws.com")));
        assertThat(attached(roleName, sandbox.primary())).containsExactlyInAnyOrder(EC2_FULL, S3_READ);
        assertThat(tags(roleName, sandbox.primary())).doesNotContainKey("managed-by");
        assertThat(result.created()).isFalse();
        assertThat(lines.all).anyMatch(l -> l.startsWith("WARN") && l.contains("left attached"));
        sandbox.calls().clear();
        reconciler.reconcile(spec);
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_foreignRoleWithExclusive_detachesWhatTheSpecDoesNotName() {
        String roleName = unique("foreign");
        createForeignRole(roleName, sandbox.primary());
        IrsaRoleSpec spec = base("apps", unique("sa"))
                .roleName(roleName)
                .policyArn(S3_READ)
                .exclusive(true)
                .build();

        reconciler.reconcile(spec);

        assertThat(attached(roleName, sandbox.primary())).containsExactly(S3_READ);
        assertThat(trust(roleName, sandbox.primary()).notOurs()).hasSize(1);
    }

    @Test
    void reconcile_stateAbsent_removesOurRolesAndOnlyOurPartsOfForeignOnes() {
        String foreign = unique("foreign");
        createForeignRole(foreign, sandbox.primary());
        String sa = unique("sa");
        String role2 = unique("role-2");
        IrsaRoleSpec ours =
                base("apps", sa).policyArn(S3_READ).targetRole(target(role2)).build();
        IrsaRoleSpec onForeign =
                base("apps", sa).roleName(foreign).policyArn(S3_READ).build();
        reconciler.reconcile(ours);
        reconciler.reconcile(onForeign);
        sandbox.calls().clear();

        IrsaRoleResult removed = reconciler.reconcile(absent(ours));
        IrsaRoleResult removedForeign = reconciler.reconcile(absent(onForeign));

        assertThat(exists(ours.roleName(), sandbox.primary())).isFalse();
        assertThat(exists(role2, sandbox.secondary())).isFalse();
        assertThat(removed.changes()).extracting(c -> c.action()).containsOnly(ChangeAction.DELETE);
        assertThat(removed.trustPolicy()).isEmpty();
        assertThat(exists(foreign, sandbox.primary())).isTrue();
        assertThat(trust(foreign, sandbox.primary()).ours()).isEmpty();
        assertThat(trust(foreign, sandbox.primary()).notOurs()).hasSize(1);
        assertThat(attached(foreign, sandbox.primary())).contains(EC2_FULL).doesNotContain(S3_READ);
        try (IamClient iam = IrsaSandbox.iam(sandbox, sandbox.primary())) {
            assertThat(iam.listRoleTags(b -> b.roleName(foreign)).tags())
                    .noneMatch(t -> t.key().startsWith("eks-irsa:added-"));
        }
        assertThat(removedForeign.updated()).isTrue();
        assertThat(exists(IrsaSandbox.CLUSTER + "-cluster-role", sandbox.primary()))
                .isTrue();
        sandbox.calls().clear();
        reconciler.reconcile(absent(ours));
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_dryRun_mutatesNothingAndReturnsThePlan() {
        IrsaRoleSpec spec = base("apps", unique("sa"))
                .policyArn(S3_READ)
                .targetRole(target(unique("role-2")))
                .dryRun(true)
                .build();
        sandbox.calls().clear();

        IrsaRoleResult plan = reconciler.reconcile(spec);

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(plan.changes()).extracting(c -> c.kind() + ":" + c.action()).contains("IamRole:CREATE");
        assertThat(plan.changes().stream().filter(c -> c.action() == ChangeAction.CREATE))
                .hasSize(2);
        assertThat(exists(spec.roleName(), sandbox.primary())).isFalse();
        assertThat(plan.trustPolicy().toString()).contains("sts:AssumeRoleWithWebIdentity");
        assertThat(lines.all).anyMatch(l -> l.contains("Dry run"));
    }

    @Test
    void spec_tutorialsBrokenRole1Policy_isRefusedWithTheReasonBeforeAnyWrite() {
        sandbox.calls().clear();

        assertThatThrownBy(() -> base("apps", "sa")
                        .inlinePolicy("AssumeRole2", TUTORIAL_ROLE1_POLICY)
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inlinePolicies.AssumeRole2")
                .hasMessageContaining("arn:aws:iam::aws:policy/AmazonS3FullAccess, which is a managed policy ARN,"
                        + " not a role ARN");
        assertThatThrownBy(() -> base("apps", "sa").assumeRoleArn(S3_FULL).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a managed policy ARN, not a role"
                        + " ARN; assumeRoleArns takes role ARNs like arn:aws:iam::123456789012:role/name")
                .hasMessageNotContaining("AmazonS3FullAccess");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_trustOverTheAccountQuota_isRefusedBeforeAnyWrite_andASmallTrustNeedsNoQuotaRead() {
        IrsaRoleSpec.Builder many = base("apps", unique("sa"));
        for (int i = 0; i < 40; i++) {
            many.serviceAccount("team-namespace-" + i, "a-rather-long-service-account-name-" + i);
        }
        IrsaRoleSpec spec = many.build();
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AssumeRolePolicySizeQuota of 2048");
        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(actions(sandbox.calls().all())).contains("GetAccountSummary");

        // the quota is never below 2048: a trust within it is planned without reading the account's
        sandbox.calls().clear();
        reconciler.reconcile(base("apps", unique("sa")).dryRun(true).build());
        assertThat(actions(sandbox.calls().all())).doesNotContain("GetAccountSummary");
    }

    @Test
    void reconcile_missingCluster_failsWithTheClusterNameBeforeAnyWrite() {
        IrsaRoleSpec spec = IrsaRoleSpec.builder()
                .clusterName("no-such-cluster")
                .serviceAccount("apps/sa")
                .build();
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(spec))
                .isInstanceOf(EksIrsaException.class)
                .hasMessageContaining("no-such-cluster");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_externalId_targetTrustsOnlyWithIt() {
        String sa = unique("sa");
        String role2 = unique("role-2");
        IrsaRoleResult result = reconciler.reconcile(base("apps", sa)
                .targetRole(target(role2).withExternalId("ext-abcdef"))
                .build());
        String role2Arn = result.targetRoleArns().get(0);

        Credentials role1 = assumeWithToken(result.roleArn(), "apps", sa);
        try (StsClient asRole1 = IrsaSandbox.sts(sandbox, IrsaSandbox.keys(role1))) {
            assertThatThrownBy(() -> asRole1.assumeRole(b -> b.roleArn(role2Arn).roleSessionName("probe")))
                    .isInstanceOf(StsException.class);
            assertThat(asRole1.assumeRole(b ->
                                    b.roleArn(role2Arn).roleSessionName("probe").externalId("ext-abcdef"))
                            .credentials())
                    .isNotNull();
        }
    }

    @Test
    void reconcile_targetRoleAllowingLongSessions_isLeftAndWarnedThatTheChainedHopIsCappedAtAnHour() {
        String role2 = unique("role-2");
        try (IamClient iam = IrsaSandbox.iam(sandbox, sandbox.secondary())) {
            iam.createRole(b -> b.roleName(role2)
                    .maxSessionDuration(7200)
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        String newRole2 = unique("role-2");
        IrsaRoleSpec spec = base("apps", unique("sa"))
                .targetRole(target(role2))
                .targetRole(target(newRole2))
                .build();

        reconciler.reconcile(spec);

        try (IamClient iam = IrsaSandbox.iam(sandbox, sandbox.secondary())) {
            assertThat(iam.getRole(b -> b.roleName(role2)).role().maxSessionDuration())
                    .isEqualTo(7200);
            assertThat(iam.getRole(b -> b.roleName(newRole2)).role().maxSessionDuration())
                    .isEqualTo(3600);
        }
        assertThat(lines.all)
                .anyMatch(l -> l.startsWith("WARN IAM role ")
                        && l.contains(role2 + " allows sessions of 7200 s")
                        && l.contains("capped at 1 hour"));
    }

    @Test
    void reconcile_results_progressAndErrors_neverContainSecrets() {
        String sa = unique("sa");
        IrsaRoleSpec spec =
                base("apps", sa).targetRole(target(unique("role-2"))).build();
        IrsaRoleResult result = reconciler.reconcile(spec);
        String everything = result.toMap() + "\n" + String.join("\n", lines.all) + "\n" + spec;
        try {
            reconciler.reconcile(IrsaRoleSpec.builder()
                    .clusterName("missing")
                    .serviceAccount("apps/sa")
                    .targetRole(target("x"))
                    .build());
        } catch (RuntimeException e) {
            everything += "\n" + e.getMessage();
        }
        for (SandboxAccount account : sandbox.accounts()) {
            assertThat(everything).doesNotContain(account.secretAccessKey());
        }
    }

    // --- helpers

    @Test
    void parallelRunsOfTheSameRole_allConvergeToOneTrustStatement() throws Exception {
        IrsaRoleSpec spec = base("parallel", "app").roleName("parallel-role").build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<IrsaRoleResult>> runs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    try (AwsClients own =
                            SandboxAws.connection(sandbox, sandbox.primary()).open()) {
                        start.await();
                        return new IrsaRoleReconciler(own, new SandboxAws.Lines()).reconcile(spec);
                    }
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<IrsaRoleResult> run : runs) {
                assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS).roleName())
                        .isEqualTo("parallel-role");
            }
        } finally {
            pool.shutdownNow();
        }

        String trust = java.net.URLDecoder.decode(
                aws.iam().getRole(b -> b.roleName("parallel-role")).role().assumeRolePolicyDocument(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(trust.split("AssumeRoleWithWebIdentity", -1)).hasSize(2);
        sandbox.calls().clear();
        assertThat(reconciler.reconcile(spec).changes()).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void audienceTheProviderDoesNotList_isAWarningInTheResult() {
        IrsaRoleResult result = reconciler.reconcile(
                base("aud", unique("sa")).audience("vault.example").dryRun(true).build());

        assertThat(result.warnings()).anyMatch(w -> w.contains("does not list the audience vault.example"));
    }

    @Test
    void managedPolicyThatDoesNotExist_isRefusedBeforeTheRoleIsCreated() {
        String missing = "arn:aws:iam::aws:policy/NoSuchPolicy";
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(
                        base("team", unique("sa")).policyArn(missing).build()))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("invalid policyArns: managed policy " + missing + " does not exist");
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void arnsOfAnotherPartition_areRefusedBeforeAnyCall() {
        String china = "arn:aws-cn:iam::111122223333:role/Role-2";
        sandbox.calls().clear();

        for (IrsaRoleSpec spec : java.util.List.of(
                base("team", "app").assumeRoleArn(china).build(),
                base("team", "app")
                        .policyArn("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")
                        .build(),
                base("team", "app")
                        .permissionsBoundary("arn:aws-cn:iam::111122223333:policy/boundary")
                        .build())) {
            assertThatThrownBy(() -> reconciler.reconcile(spec))
                    .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                    .hasMessageContaining("partition")
                    .hasMessageContaining("the step runs in aws");
        }
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void oidcProviderOfAnotherCluster_isRefusedBeforeAnyWrite() {
        String otherIssuer = IrsaSandbox.clusterWithProvider(sandbox, "other-cluster");
        String otherProvider = "arn:aws:iam::" + sandbox.primary().accountId() + ":oidc-provider/"
                + otherIssuer.substring("https://".length());
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(
                        base("team", "app").oidcProviderArn(otherProvider).build()))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("invalid oidcProviderArn")
                .hasMessageContaining(IrsaSandbox.CLUSTER);
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void oidcProviderOfAnotherAccount_isRefusedBeforeAnyWrite() {
        String foreign = "arn:aws:iam::999988887777:oidc-provider/" + issuer.substring("https://".length());
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(IrsaRoleSpec.builder()
                        .oidcProviderArn(foreign)
                        .roleName("foreign-provider-role")
                        .serviceAccount("team", "app")
                        .build()))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("invalid oidcProviderArn")
                .hasMessageContaining(sandbox.primary().accountId());
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    /** The second account's keys by variable name, as a pipeline's credentials binding passes them. */
    private static final ConnectionRef.CredentialsEnv SECONDARY =
            new ConnectionRef.CredentialsEnv("SECOND_ACCOUNT_KEY_ID", "SECOND_ACCOUNT_SECRET_KEY", null);

    private IrsaRoleSpec.Builder base(String namespace, String serviceAccount) {
        return IrsaRoleSpec.builder().clusterName(IrsaSandbox.CLUSTER).serviceAccount(namespace, serviceAccount);
    }

    private TargetRoleSpec target(String roleName) {
        return TargetRoleSpec.of(roleName, ConnectionRef.credentialsEnv(SECONDARY), List.of(S3_FULL));
    }

    private static IrsaRoleSpec absent(IrsaRoleSpec spec) {
        return spec.withState(RoleState.ABSENT);
    }

    private Credentials assumeWithToken(String roleArn, String namespace, String name) {
        String token = IrsaSandbox.token(sandbox, issuer, namespace, name);
        try (StsClient sts = IrsaSandbox.sts(sandbox, IrsaSandbox.keys(sandbox.primary()))) {
            return sts.assumeRoleWithWebIdentity(
                            b -> b.roleArn(roleArn).roleSessionName("pod").webIdentityToken(token))
                    .credentials();
        }
    }

    private String otherRoleTrustingPrimaryAccount() {
        String name = unique("role-3");
        try (IamClient iam = IrsaSandbox.iam(sandbox, sandbox.secondary())) {
            return iam.createRole(b -> b.roleName(name)
                            .assumeRolePolicyDocument(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                                            + sandbox.primary().accountId()
                                            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
        }
    }

    private void createForeignRole(String roleName, SandboxAccount account) {
        try (IamClient iam = IrsaSandbox.iam(sandbox, account)) {
            iam.createRole(b -> b.roleName(roleName)
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
                    .tags(Tag.builder().key("owner").value("someone-else").build()));
            iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(EC2_FULL));
        }
    }

    private PolicyDocument trust(String roleName, SandboxAccount account) {
        try (IamClient iam = IrsaSandbox.iam(sandbox, account)) {
            return PolicyJson.parseFromIam(
                    iam.getRole(b -> b.roleName(roleName)).role().assumeRolePolicyDocument());
        }
    }

    private List<String> attached(String roleName, SandboxAccount account) {
        try (IamClient iam = IrsaSandbox.iam(sandbox, account)) {
            return iam.listAttachedRolePolicies(b -> b.roleName(roleName)).attachedPolicies().stream()
                    .map(AttachedPolicy::policyArn)
                    .toList();
        }
    }

    private Map<String, String> tags(String roleName, SandboxAccount account) {
        try (IamClient iam = IrsaSandbox.iam(sandbox, account)) {
            return iam.listRoleTags(b -> b.roleName(roleName)).tags().stream()
                    .collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
        }
    }

    private boolean exists(String roleName, SandboxAccount account) {
        try (IamClient iam = IrsaSandbox.iam(sandbox, account)) {
            iam.getRole(b -> b.roleName(roleName));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    private String providerArn() {
        return "arn:aws:iam::" + sandbox.primary().accountId() + ":oidc-provider/" + hostPath();
    }

    private String hostPath() {
        return issuer.substring("https://".length());
    }

    private static List<String> actions(List<CallRecord> calls) {
        return calls.stream().map(CallRecord::action).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }
}
