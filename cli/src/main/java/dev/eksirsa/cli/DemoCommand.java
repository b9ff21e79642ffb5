package dev.eksirsa.cli;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.ConnectionRef;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.ClusterResult;
import dev.eksirsa.engine.aws.eks.ClusterSpec;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.engine.irsa.IrsaRoleReconciler;
import dev.eksirsa.engine.irsa.IrsaRoleResult;
import dev.eksirsa.engine.irsa.IrsaRoleSpec;
import dev.eksirsa.engine.irsa.PrincipalPropagation;
import dev.eksirsa.engine.irsa.TargetRoleSpec;
import dev.eksirsa.engine.kube.KubeAccessCheck;
import dev.eksirsa.engine.kube.KubeClients;
import dev.eksirsa.engine.kube.KubeEndpoint;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The runbook's IRSA chain on the embedded sandbox, through the engine's steps: the cluster step (cluster, OIDC
 * provider, access to the Kubernetes API, an idempotent re-run), then the role step (Role-1 for the delegate's
 * service account, Role-2 in the second account, the annotated service account). It proves the chain with a
 * TokenRequest token → web identity → Role-1 → Role-2, the wrong service account denied, and an idempotent re-run.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the IRSA chain end to end on the embedded sandbox.")
final class DemoCommand implements Callable<Integer> {
    private static final String CLUSTER = "demo";
    private static final String NAMESPACE = "harness-delegate-ng";
    private static final String SERVICE_ACCOUNT = "harness-delegate";
    private static final String OTHER = "default";
    private static final String ROLE_2 = "demo-cross-account";
    private static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    private final PrintStream out;

    DemoCommand(CliIo io) {
        this.out = io.out();
    }

    @Override
    public Integer call() {
        try (Sandbox sandbox =
                Sandbox.start(SandboxOptions.defaults().withClusterActivationDelay(Duration.ofSeconds(1)))) {
            SandboxAccount primary = sandbox.primary();
            SandboxAccount secondary = sandbox.secondary();
            step(
                    "sandbox",
                    "AWS endpoint " + sandbox.awsEndpoint() + ", accounts " + primary.accountId() + " and "
                            + secondary.accountId());
            Clients admin = new Clients(sandbox.awsEndpoint(), sandbox.region(), key(primary));

            ClusterResult cluster = ensureCluster(sandbox, primary);
            String issuer = cluster.oidcIssuer();
            String providerArn = cluster.oidcProviderArn();
            step("cluster", CLUSTER + " is " + cluster.status() + ", OIDC issuer " + issuer);
            printChanges(cluster.changes());
            cluster.warnings().forEach(w -> step("  warning", w));
            if (cluster.warnings().isEmpty()) {
                step("  kubernetes api", "reachable at " + cluster.endpoint() + " with the engine's EKS token");
            }
            step("oidc provider", providerArn);
            ClusterResult again = ensureCluster(sandbox, primary);
            step("cluster re-run", again.changed() ? "UNEXPECTED CHANGES" : "no changes (idempotent)");

            IrsaRoleSpec roleSpec = IrsaRoleSpec.builder()
                    .clusterName(CLUSTER)
                    .serviceAccount(NAMESPACE, SERVICE_ACCOUNT)
                    .targetRole(
                            TargetRoleSpec.of(ROLE_2, ConnectionRef.credentialsEnv(SECONDARY_KEYS), List.of(S3_READ)))
                    .build();
            KubeEndpoint endpoint = new KubeEndpoint(CLUSTER, cluster.endpoint(), cluster.certificateAuthority());
            IrsaRoleResult role = ensureRole(sandbox, endpoint, roleSpec, secondaryEnvironment(secondary));
            String role1Arn = role.roleArn();
            String role2Arn = role.targetRoleArns().get(0);
            step("role-1", role1Arn + " (trusts only " + NAMESPACE + "/" + SERVICE_ACCOUNT + ")");
            step("role-2", role2Arn + " (trusts role-1 only)");
            printChanges(role.changes());

            try (KubernetesClient kube = kube(sandbox, endpoint)) {
                step(
                        "service account",
                        NAMESPACE + "/" + SERVICE_ACCOUNT + " annotated eks.amazonaws.com/role-arn="
                                + kube.serviceAccounts()
                                        .inNamespace(NAMESPACE)
                                        .withName(SERVICE_ACCOUNT)
                                        .get()
                                        .getMetadata()
                                        .getAnnotations()
                                        .get("eks.amazonaws.com/role-arn"));
                Credentials role1 = webIdentity(admin, role1Arn, token(kube, SERVICE_ACCOUNT));
                Clients asRole1 = admin.as(role1);
                step("web identity", "TokenRequest token → " + identity(asRole1));
                Credentials role2;
                try (StsClient sts = asRole1.sts()) {
                    role2 = sts.assumeRole(b -> b.roleArn(role2Arn)
                                    .roleSessionName("demo-chain")
                                    .durationSeconds(TargetRoleSpec.CHAINED_SESSION_CAP))
                            .credentials();
                }
                step("role chain", "role-1 → " + identity(admin.as(role2)));

                if (kube.serviceAccounts()
                                .inNamespace(NAMESPACE)
                                .withName(OTHER)
                                .get()
                        == null) {
                    kube.serviceAccounts()
                            .inNamespace(NAMESPACE)
                            .resource(new ServiceAccountBuilder()
                                    .withNewMetadata()
                                    .withName(OTHER)
                                    .endMetadata()
                                    .build())
                            .create();
                }
                try {
                    webIdentity(admin, role1Arn, token(kube, OTHER));
                    step("wrong service account", "UNEXPECTEDLY ALLOWED");
                    return ExitCodes.FAILURE;
                } catch (StsException denied) {
                    step(
                            "wrong service account",
                            NAMESPACE + "/" + OTHER + " is refused: "
                                    + denied.awsErrorDetails().errorCode());
                }
            }
            sandbox.calls().clear();
            IrsaRoleResult roleAgain = ensureRole(sandbox, endpoint, roleSpec, secondaryEnvironment(secondary));
            int rerunWrites = sandbox.calls().mutating().size();
            step(
                    "role re-run",
                    roleAgain.changes().isEmpty() && rerunWrites == 0
                            ? "no changes (idempotent, " + sandbox.calls().all().size() + " reads, 0 writes)"
                            : "UNEXPECTED CHANGES " + roleAgain.changes());
            List<CallRecord> writes = sandbox.calls().mutating();
            step(
                    "call log",
                    sandbox.calls().all().size() + " calls, " + writes.size() + " mutating: "
                            + writes.stream().map(CallRecord::action).distinct().toList());
            out.println("demo: the IRSA chain works end to end on the sandbox.");
            return ExitCodes.OK;
        }
    }

    private void printChanges(List<Change> changes) {
        for (Change change : changes) {
            step(
                    "  " + change.action().name().toLowerCase(Locale.ROOT),
                    change.kind() + " " + change.id() + (change.detail().isEmpty() ? "" : ": " + change.detail()));
        }
    }

    private void step(String name, String detail) {
        out.printf("%-22s %s%n", name, detail);
    }

    /** The second account's keys, reached by variable name as a pipeline's credentials binding would pass them. */
    private static final ConnectionRef.CredentialsEnv SECONDARY_KEYS =
            new ConnectionRef.CredentialsEnv("DEMO_SECONDARY_ACCESS_KEY_ID", "DEMO_SECONDARY_SECRET_ACCESS_KEY", null);

    private static Map<String, String> secondaryEnvironment(SandboxAccount secondary) {
        return Map.of(
                SECONDARY_KEYS.accessKeyId(), secondary.accessKeyId(),
                SECONDARY_KEYS.secretAccessKey(), secondary.secretAccessKey());
    }

    private static AwsCredentials key(SandboxAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    /** The engine's cluster step (issue 4): create the cluster and its OIDC provider, idempotently. */
    private static ClusterResult ensureCluster(Sandbox sandbox, SandboxAccount account) {
        AwsConnection connection = connection(sandbox, account);
        ClusterSpec spec = ClusterSpec.builder(CLUSTER)
                .create(true)
                .pollInterval(Duration.ofMillis(250))
                .timeout(Duration.ofMinutes(1))
                .build();
        try (AwsClients aws = connection.open()) {
            return new ClusterReconciler(
                            aws,
                            IssuerThumbprint.withExtraTrust(
                                    sandbox.certificateAuthority().rootPem()),
                            ProgressListener.NONE,
                            new KubeAccessCheck(aws, null))
                    .reconcile(spec);
        }
    }

    private static AwsConnection connection(Sandbox sandbox, SandboxAccount account) {
        return AwsConnection.of(
                        CredentialsSource.staticKeys(account.accessKeyId(), account.secretAccessKey(), null),
                        sandbox.region())
                .withEndpoint(sandbox.awsEndpoint());
    }

    /** The engine's role step (issue 5): Role-1, Role-2 and the annotated service account, idempotently. */
    private static IrsaRoleResult ensureRole(
            Sandbox sandbox, KubeEndpoint endpoint, IrsaRoleSpec spec, Map<String, String> environment) {
        try (AwsClients aws = connection(sandbox, sandbox.primary()).open()) {
            return new IrsaRoleReconciler(
                            aws,
                            new EnvironmentConnectionResolver(environment, false),
                            ProgressListener.NONE,
                            PrincipalPropagation.standard())
                    .withKubernetes(() -> kube(sandbox, endpoint))
                    .reconcile(spec);
        }
    }

    private static KubernetesClient kube(Sandbox sandbox, KubeEndpoint endpoint) {
        return KubeClients.eks(
                endpoint,
                new EksTokenGenerator(
                        StaticCredentialsProvider.create(key(sandbox.primary())),
                        sandbox.region(),
                        null,
                        Clock.systemUTC()));
    }

    /** A token for the service account from the cluster's TokenRequest API, as the kubelet projects it. */
    private static String token(KubernetesClient kube, String serviceAccount) {
        return kube.serviceAccounts()
                .inNamespace(NAMESPACE)
                .withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withAudiences("sts.amazonaws.com")
                        .withExpirationSeconds(3600L)
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
    }

    private static Credentials webIdentity(Clients clients, String roleArn, String token) {
        try (StsClient sts = clients.sts()) {
            return sts.assumeRoleWithWebIdentity(
                            b -> b.roleArn(roleArn).roleSessionName("demo").webIdentityToken(token))
                    .credentials();
        }
    }

    private static String identity(Clients clients) {
        try (StsClient sts = clients.sts()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** SDK clients for one set of credentials against the sandbox. */
    private record Clients(URI endpoint, String region, AwsCredentials credentials) {
        Clients as(Credentials session) {
            return new Clients(
                    endpoint,
                    region,
                    AwsSessionCredentials.create(
                            session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        }

        StsClient sts() {
            return StsClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
    }
}
