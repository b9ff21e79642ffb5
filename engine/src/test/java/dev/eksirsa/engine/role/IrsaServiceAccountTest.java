package dev.eksirsa.engine.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.kube.KubeClients;
import dev.eksirsa.engine.kube.KubeEndpoint;
import dev.eksirsa.engine.kube.KubeWorkloads;
import dev.eksirsa.engine.kube.WorkloadRestarter;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.sts.StsClient;

/** The Kubernetes side of an IRSA role: annotation, label, namespace, restarts, removal. */
@RunsAgainst(Backend.SANDBOX_SDK)
class IrsaServiceAccountTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Sandbox sandbox;
    private static KubeEndpoint endpoint;

    private AwsClients aws;
    private SandboxAws.Lines lines;
    private IrsaRoleReconciler reconciler;
    private KubernetesClient kube;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxAws.fastSandbox();
        IrsaSandbox.clusterWithProvider(sandbox, IrsaSandbox.CLUSTER);
        try (AwsClients admin =
                SandboxAws.connection(sandbox, sandbox.primary()).open()) {
            Cluster cluster = admin.eks()
                    .describeCluster(b -> b.name(IrsaSandbox.CLUSTER))
                    .cluster();
            endpoint = new KubeEndpoint(
                    IrsaSandbox.CLUSTER,
                    cluster.endpoint(),
                    cluster.certificateAuthority().data());
        }
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void connect() {
        aws = SandboxAws.connection(sandbox, sandbox.primary()).open();
        lines = new SandboxAws.Lines();
        reconciler = new IrsaRoleReconciler(aws, lines).withKubernetes(() -> KubeWorkloads.of(client()));
        kube = client();
    }

    @AfterEach
    void disconnect() {
        kube.close();
        aws.close();
    }

    @Test
    void reconcile_missingNamespaceAndServiceAccount_createsAndAnnotatesThemThenIsIdempotent() {
        String ns = unique("team");
        String sa = unique("delegate");
        IrsaRoleSpec spec = base(ns, sa).build();
        sandbox.calls().clear();

        IrsaRoleResult result = reconciler.reconcile(spec);

        ServiceAccount account =
                kube.serviceAccounts().inNamespace(ns).withName(sa).get();
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", result.roleArn());
        assertThat(account.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "eks-irsa");
        assertThat(kube.namespaces().withName(ns).get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "eks-irsa");
        assertThat(kubeWrites()).anyMatch(a -> a.endsWith("serviceaccounts"));
        assertThat(result.changes())
                .extracting(c -> c.kind() + ":" + c.action())
                .contains("Namespace:CREATE", "ServiceAccount:CREATE", "IamRole:CREATE");
        sandbox.calls().clear();

        IrsaRoleResult again = reconciler.reconcile(spec);

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(again.changes()).isEmpty();
    }

    @Test
    void reconcile_tokenFromTokenRequest_assumesTheRole() {
        String ns = unique("team");
        String sa = unique("delegate");
        IrsaRoleResult result = reconciler.reconcile(base(ns, sa).build());

        String token = kube.serviceAccounts()
                .inNamespace(ns)
                .withName(sa)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withAudiences("sts.amazonaws.com")
                        .withExpirationSeconds(3600L)
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
        try (StsClient sts = IrsaSandbox.sts(sandbox, IrsaSandbox.keys(sandbox.primary()))) {
            assertThat(sts.assumeRoleWithWebIdentity(b -> b.roleArn(result.roleArn())
                                    .roleSessionName("pod")
                                    .webIdentityToken(token))
                            .assumedRoleUser()
                            .arn())
                    .contains(":assumed-role/" + result.roleName() + "/pod");
        }
    }

    /**
     * An agent pod's own IRSA identity (no credentials id in Jenkins, nothing on the command line): the resolver
     * builds the web-identity provider on the engine's STS client, which the sandbox answers as AWS would.
     */
    @Test
    void podIdentity_fromTheTokenFile_isTheIrsaRole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String ns = unique("agents");
        String sa = unique("jenkins");
        IrsaRoleResult result = reconciler.reconcile(base(ns, sa).build());
        String token = kube.serviceAccounts()
                .inNamespace(ns)
                .withName(sa)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withAudiences("sts.amazonaws.com")
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
        java.nio.file.Path tokenFile = dir.resolve("token");
        java.nio.file.Files.writeString(tokenFile, token);
        java.util.Map<String, String> podEnv = java.util.Map.of(
                "AWS_REGION", sandbox.region(),
                "AWS_ROLE_ARN", result.roleArn(),
                "AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(),
                "AWS_ROLE_SESSION_NAME", "agent-pod");
        dev.eksirsa.engine.api.ConnectionRef ref =
                dev.eksirsa.engine.api.ConnectionRef.fromArguments(dev.eksirsa.engine.steps.Steps.CLUSTER
                        .arguments()
                        .parse(java.util.Map.of(
                                "name",
                                "x",
                                "endpointUrl",
                                sandbox.awsEndpoint().toString())));

        try (AwsClients asPod = new dev.eksirsa.engine.aws.EnvironmentConnectionResolver(podEnv, true)
                .resolve(ref, null)
                .open()) {
            assertThat(dev.eksirsa.engine.aws.CallerAccount.arnOf(asPod, "the pod"))
                    .isEqualTo("arn:aws:sts::" + sandbox.primary().accountId() + ":assumed-role/" + result.roleName()
                            + "/agent-pod");
        }

        // another service account's token is refused by the role's trust
        String other = unique("other");
        kube.serviceAccounts()
                .inNamespace(ns)
                .resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(other)
                        .endMetadata()
                        .build())
                .create();
        java.nio.file.Files.writeString(
                tokenFile,
                kube.serviceAccounts()
                        .inNamespace(ns)
                        .withName(other)
                        .tokenRequest(new TokenRequestBuilder()
                                .withNewSpec()
                                .withAudiences("sts.amazonaws.com")
                                .endSpec()
                                .build())
                        .getStatus()
                        .getToken());
        try (AwsClients wrongPod = new dev.eksirsa.engine.aws.EnvironmentConnectionResolver(podEnv, true)
                .resolve(ref, null)
                .open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> dev.eksirsa.engine.aws.CallerAccount.arnOf(wrongPod, "the other pod"))
                    .hasMessageContaining("AccessDenied")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.substring(token.length() - 20)));
        }
    }

    @Test
    void reconcile_existingServiceAccount_keepsOthersAnnotationsAndLabelsAndSetsOptionalAnnotations() {
        String ns = unique("team");
        String sa = unique("delegate");
        existingServiceAccount(ns, sa, java.util.Map.of("example.com/owner", "team-a"), java.util.Map.of("team", "a"));

        reconciler.reconcile(
                base(ns, sa).stsRegionalEndpoints(true).tokenExpiration(3600).build());

        ServiceAccount account =
                kube.serviceAccounts().inNamespace(ns).withName(sa).get();
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("example.com/owner", "team-a")
                .containsEntry("eks.amazonaws.com/sts-regional-endpoints", "true")
                .containsEntry("eks.amazonaws.com/token-expiration", "3600")
                .containsKey("eks.amazonaws.com/role-arn");
        assertThat(account.getMetadata().getLabels()).containsEntry("team", "a");
    }

    /** A namespace (made by a run for another account) with a Deployment of {@code sa}, started before any annotation. */
    private void podsStartedBeforeTheAnnotation(String ns, String sa) {
        reconciler.reconcile(base(ns, "other").build());
        kube.serviceAccounts()
                .inNamespace(ns)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(sa)
                        .endMetadata()
                        .build())
                .create();
        kube.apps()
                .deployments()
                .inNamespace(ns)
                .resource(deployment("delegate", sa))
                .create();
    }

    @Test
    void reconcile_restartPods_rollsWorkloadsWhosePodsLackTheRoleAndOnlyThem() {
        String ns = unique("team");
        String sa = unique("delegate");
        podsStartedBeforeTheAnnotation(ns, sa);
        kube.apps()
                .deployments()
                .inNamespace(ns)
                .resource(deployment("unrelated", "default"))
                .create();
        assertThat(pods(ns, "delegate")).isNotEmpty().noneMatch(p -> p.toString()
                .contains("AWS_ROLE_ARN"));

        IrsaRoleResult result =
                reconciler.reconcile(base(ns, sa).restartPods(true).build());

        assertThat(result.restarted()).containsExactly("Deployment/" + ns + "/delegate");
        assertThat(pods(ns, "delegate")).isNotEmpty().allMatch(p -> WorkloadRestarter.hasRole(p, result.roleArn()));
        sandbox.calls().clear();
        IrsaRoleResult again =
                reconciler.reconcile(base(ns, sa).restartPods(true).build());
        assertThat(again.restarted()).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();
    }

    @Test
    void reconcile_withoutRestartPods_warnsAboutStalePods() {
        String ns = unique("team");
        String sa = unique("delegate");
        podsStartedBeforeTheAnnotation(ns, sa);

        IrsaRoleResult result = reconciler.reconcile(base(ns, sa).build());

        assertThat(result.restarted()).isEmpty();
        assertThat(lines.all).anyMatch(l -> l.startsWith("WARN Deployment/" + ns + "/delegate"));
    }

    @Test
    void reconcile_stateAbsent_removesOnlyOurAnnotationAndLabel() {
        String ns = unique("team");
        String sa = unique("delegate");
        existingServiceAccount(ns, sa, java.util.Map.of("example.com/owner", "team-a"), java.util.Map.of());
        IrsaRoleSpec spec = base(ns, sa).build();
        reconciler.reconcile(spec);

        IrsaRoleResult removed = reconciler.reconcile(spec.withState(RoleState.ABSENT));

        ServiceAccount account =
                kube.serviceAccounts().inNamespace(ns).withName(sa).get();
        assertThat(account).isNotNull();
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("example.com/owner", "team-a")
                .doesNotContainKey("eks.amazonaws.com/role-arn");
        assertThat(
                        account.getMetadata().getLabels() == null
                                ? java.util.Map.of()
                                : account.getMetadata().getLabels())
                .doesNotContainKey("app.kubernetes.io/managed-by");
        assertThat(removed.changes()).extracting(c -> c.kind()).contains("ServiceAccount", "IamRole");
    }

    @Test
    void reconcile_dryRun_touchesNeitherAwsNorKubernetes() {
        String ns = unique("team");
        sandbox.calls().clear();

        IrsaRoleResult plan = reconciler.reconcile(
                base(ns, "sa").restartPods(true).dryRun(true).build());

        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(plan.changes()).extracting(c -> c.kind()).contains("Namespace", "ServiceAccount", "IamRole");
        assertThat(kube.namespaces().withName(ns).get()).isNull();
    }

    private KubernetesClient client() {
        return KubeClients.eks(
                endpoint, new EksTokenGenerator(aws.credentialsProvider(), aws.region(), null, Clock.systemUTC()));
    }

    @Test
    void reconcile_serviceAccountAnnotatedWithAForeignRole_isRefusedBeforeAnyWrite() {
        String ns = unique("taken");
        String sa = unique("app");
        String foreign = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/someone-elses";
        existingServiceAccount(ns, sa, java.util.Map.of("eks.amazonaws.com/role-arn", foreign), java.util.Map.of());
        sandbox.calls().clear();

        assertThatThrownBy(() -> reconciler.reconcile(base(ns, sa).build()))
                .isInstanceOf(dev.eksirsa.engine.api.ConflictException.class)
                .hasMessageContaining(foreign)
                .hasMessageContaining("overrideExistingServiceAccounts");
        assertThat(sandbox.calls().mutating()).isEmpty();
        assertThat(kube.serviceAccounts()
                        .inNamespace(ns)
                        .withName(sa)
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", foreign);
    }

    @Test
    void reconcile_takeoverWithOverride_keepsThePreviousRoleAndTeardownRestoresIt() {
        String ns = unique("taken");
        String sa = unique("app");
        String foreign = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/someone-elses";
        existingServiceAccount(ns, sa, java.util.Map.of("eks.amazonaws.com/role-arn", foreign), java.util.Map.of());
        IrsaRoleSpec spec = base(ns, sa).overrideExistingServiceAccounts(true).build();

        IrsaRoleResult taken = reconciler.reconcile(spec);
        sandbox.calls().clear();
        IrsaRoleResult again = reconciler.reconcile(spec);

        java.util.Map<String, String> annotations = kube.serviceAccounts()
                .inNamespace(ns)
                .withName(sa)
                .get()
                .getMetadata()
                .getAnnotations();
        assertThat(annotations)
                .containsEntry("eks.amazonaws.com/role-arn", taken.roleArn())
                .containsEntry("eks-irsa/previous-role-arn", foreign);
        assertThat(taken.warnings()).anyMatch(w -> w.contains("taken over"));
        assertThat(taken.changes()).anyMatch(c -> c.detail().endsWith("(was " + foreign + ")"));
        assertThat(again.changes()).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();

        IrsaRoleResult removed = reconciler.reconcile(spec.withState(RoleState.ABSENT));
        assertThat(removed.changes())
                .anyMatch(c -> c.detail().equals("restore annotation eks.amazonaws.com/role-arn=" + foreign));

        assertThat(kube.serviceAccounts()
                        .inNamespace(ns)
                        .withName(sa)
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", foreign)
                .doesNotContainKey("eks-irsa/previous-role-arn");
    }

    /** A namespace and a service account made by someone else, with their annotations and labels. */
    private void existingServiceAccount(
            String ns, String sa, java.util.Map<String, String> annotations, java.util.Map<String, String> labels) {
        kube.namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName(ns)
                        .endMetadata()
                        .build())
                .create();
        kube.serviceAccounts()
                .inNamespace(ns)
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(sa)
                        .withAnnotations(annotations)
                        .withLabels(labels)
                        .endMetadata()
                        .build())
                .create();
    }

    @Test
    void reconcile_serviceAccountManagedBySomeoneElse_keepsTheirLabelAndSaysSo() {
        String ns = unique("helm");
        String sa = unique("delegate");
        existingServiceAccount(ns, sa, java.util.Map.of(), java.util.Map.of("app.kubernetes.io/managed-by", "Helm"));

        IrsaRoleResult result = reconciler.reconcile(base(ns, sa).build());

        ServiceAccount account =
                kube.serviceAccounts().inNamespace(ns).withName(sa).get();
        assertThat(account.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", result.roleArn());
        assertThat(result.warnings()).anyMatch(w -> w.contains("managed-by=Helm") && w.contains("left to its owner"));
    }

    private static IrsaRoleSpec.Builder base(String ns, String sa) {
        return IrsaRoleSpec.builder().clusterName(IrsaSandbox.CLUSTER).serviceAccount(ns, sa);
    }

    private List<Pod> pods(String ns, String app) {
        return kube.pods().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    private static Deployment deployment(String name, String serviceAccount) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(serviceAccount)
                .addNewContainer()
                .withName("main")
                .withImage("example/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private List<String> kubeWrites() {
        return sandbox.calls().mutating().stream()
                .filter(c -> "kubernetes".equals(c.service()))
                .map(CallRecord::action)
                .toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }
}
