package dev.eksirsa.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.ClusterResult;
import dev.eksirsa.engine.aws.eks.ClusterSpec;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.engine.kube.KubeAccessCheck;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The runbook's IRSA chain on the embedded sandbox. It grows with each step issue; today it shows the engine's
 * cluster step (cluster, OIDC provider, access to the Kubernetes API, an idempotent re-run), then, with raw SDK
 * calls, Role-1 for the delegate's service account, Role-2 in the second account, and the chain service-account token → web identity → Role-1 → Role-2, with the wrong service account denied.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the IRSA chain end to end on the embedded sandbox.")
final class DemoCommand implements Callable<Integer> {
    private static final String CLUSTER = "demo";
    private static final String NAMESPACE = "harness-delegate-ng";
    private static final String SERVICE_ACCOUNT = "harness-delegate";

    private final PrintStream out = System.out;

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
            Clients crossAdmin = new Clients(sandbox.awsEndpoint(), sandbox.region(), key(secondary));

            ClusterResult cluster = ensureCluster(sandbox, primary);
            String issuer = cluster.oidcIssuer();
            String providerArn = cluster.oidcProviderArn();
            step("cluster", CLUSTER + " is " + cluster.status() + ", OIDC issuer " + issuer);
            printChanges(cluster);
            step("oidc provider", providerArn);
            ClusterResult again = ensureCluster(sandbox, primary);
            step("cluster re-run", again.changed() ? "UNEXPECTED CHANGES" : "no changes (idempotent)");

            String role1Name = CLUSTER + "-" + NAMESPACE + "-" + SERVICE_ACCOUNT;
            String role2Arn = "arn:aws:iam::" + secondary.accountId() + ":role/demo-cross-account";
            String role1Arn;
            try (IamClient iam = admin.iam()) {
                role1Arn = iam.createRole(
                                b -> b.roleName(role1Name).assumeRolePolicyDocument(irsaTrust(providerArn, issuer)))
                        .role()
                        .arn();
                iam.putRolePolicy(b -> b.roleName(role1Name)
                        .policyName("assume-cross-account")
                        .policyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EksIrsaAssume\",\"Effect\":\"Allow\","
                                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + role2Arn + "\"}]}"));
            }
            step("role-1", role1Arn + " (trusts only " + NAMESPACE + "/" + SERVICE_ACCOUNT + ")");
            try (IamClient iam = crossAdmin.iam()) {
                iam.createRole(b -> b.roleName("demo-cross-account")
                        .maxSessionDuration(3600)
                        .assumeRolePolicyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EksIrsaChain\",\"Effect\":\"Allow\","
                                        + "\"Principal\":{\"AWS\":\"" + role1Arn
                                        + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
                iam.attachRolePolicy(b ->
                        b.roleName("demo-cross-account").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
            }
            step("role-2", role2Arn + " (trusts role-1 only)");

            // Until the Kubernetes side lands, the token is signed by the cluster's issuer as TokenRequest signs it.
            String token = sandbox.oidc().find(issuer).orElseThrow().sign(claims(issuer, NAMESPACE, SERVICE_ACCOUNT));
            Credentials role1 = webIdentity(admin, role1Arn, token);
            Clients asRole1 = admin.as(role1);
            step("web identity", "service account token → " + identity(asRole1));
            Credentials role2;
            try (StsClient sts = asRole1.sts()) {
                role2 = sts.assumeRole(b -> b.roleArn(role2Arn)
                                .roleSessionName("demo-chain")
                                .durationSeconds(3600))
                        .credentials();
            }
            step("role chain", "role-1 → " + identity(admin.as(role2)));

            String wrongToken = sandbox.oidc().find(issuer).orElseThrow().sign(claims(issuer, NAMESPACE, "default"));
            try {
                webIdentity(admin, role1Arn, wrongToken);
                step("wrong service account", "UNEXPECTEDLY ALLOWED");
                return ExitCodes.FAILURE;
            } catch (StsException denied) {
                step(
                        "wrong service account",
                        NAMESPACE + "/default is refused: "
                                + denied.awsErrorDetails().errorCode());
            }
            List<CallRecord> writes = sandbox.calls().mutating();
            step(
                    "call log",
                    sandbox.calls().all().size() + " calls, " + writes.size() + " mutating: "
                            + writes.stream().map(CallRecord::action).distinct().toList());
            out.println("demo: the IRSA chain works end to end on the sandbox.");
            return ExitCodes.OK;
        }
    }

    private void printChanges(ClusterResult result) {
        for (Change change : result.changes()) {
            step(
                    "  " + change.action().name().toLowerCase(Locale.ROOT),
                    change.kind() + " " + change.id() + (change.detail().isEmpty() ? "" : ": " + change.detail()));
        }
        result.warnings().forEach(w -> step("  warning", w));
        if (result.warnings().isEmpty()) {
            step("  kubernetes api", "reachable at " + result.endpoint() + " with the engine's EKS token");
        }
    }

    private void step(String name, String detail) {
        out.printf("%-22s %s%n", name, detail);
    }

    private static AwsCredentials key(SandboxAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    /** The engine's cluster step (issue 4): create the cluster and its OIDC provider, idempotently. */
    private static ClusterResult ensureCluster(Sandbox sandbox, SandboxAccount account) {
        AwsConnection connection = AwsConnection.of(
                        CredentialsSource.staticKeys(account.accessKeyId(), account.secretAccessKey(), null),
                        sandbox.region())
                .withEndpoint(sandbox.awsEndpoint());
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

    private static String irsaTrust(String providerArn, String issuer) {
        String hostPath = issuer.substring("https://".length());
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EksIrsa\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                + hostPath
                + ":sub\":\"system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT + "\",\"" + hostPath
                + ":aud\":\"sts.amazonaws.com\"}}}]}";
    }

    private static JWTClaimsSet claims(String issuer, String namespace, String name) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("system:serviceaccount:" + namespace + ":" + name)
                .audience("sts.amazonaws.com")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build();
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

        IamClient iam() {
            return IamClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.AWS_GLOBAL)
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
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
