package dev.eksirsa.cli;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.delegate.DelegateArgs;
import dev.eksirsa.engine.delegate.DelegateResult;
import dev.eksirsa.engine.kube.KubeClients;
import dev.eksirsa.engine.kube.KubeEndpoint;
import dev.eksirsa.engine.role.IrsaRoleResult;
import dev.eksirsa.engine.role.TargetRoleSpec;
import dev.eksirsa.engine.steps.StepContext;
import dev.eksirsa.engine.steps.Steps;
import dev.eksirsa.engine.verify.Check;
import dev.eksirsa.engine.verify.VerifyResult;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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

            Map<String, String> environment = environment(sandbox);
            step(
                    "== " + Steps.CLUSTER.pipelineName(),
                    "(eks-irsa " + Steps.CLUSTER.command() + ") the cluster and its OIDC provider");
            ClusterResult cluster = Steps.CLUSTER.run(clusterArguments(sandbox), context(environment));
            String issuer = cluster.oidcIssuer();
            String providerArn = cluster.oidcProviderArn();
            step("cluster", CLUSTER + " is " + cluster.status() + ", OIDC issuer " + issuer);
            printChanges(cluster.changes());
            cluster.warnings().forEach(w -> step("  warning", w));
            if (cluster.warnings().isEmpty()) {
                step("  kubernetes api", "reachable at " + cluster.endpoint() + " with the engine's EKS token");
            }
            step("oidc provider", providerArn);
            ClusterResult again = Steps.CLUSTER.run(clusterArguments(sandbox), context(environment));
            step("cluster re-run", again.changed() ? "UNEXPECTED CHANGES" : "no changes (idempotent)");

            KubeEndpoint endpoint = new KubeEndpoint(CLUSTER, cluster.endpoint(), cluster.certificateAuthority());
            step(
                    "== " + Steps.ROLE.pipelineName(),
                    "(eks-irsa " + Steps.ROLE.command() + ") Role-1, Role-2, the service account");
            IrsaRoleResult role = Steps.ROLE.run(roleArguments(sandbox), context(environment));
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
            IrsaRoleResult roleAgain = Steps.ROLE.run(roleArguments(sandbox), context(environment));
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

            step(
                    "== " + Steps.DELEGATE.pipelineName(),
                    "(eks-irsa " + Steps.DELEGATE.command() + ") the Harness delegate under " + SERVICE_ACCOUNT
                            + ", its connectors");
            DelegateResult delegate = Steps.DELEGATE.run(delegateArguments(sandbox, role2Arn), context(environment));
            printChanges(delegate.changes());
            step(
                    "delegate",
                    delegate.namespace() + "/" + delegate.name() + " connected=" + delegate.connected() + ", "
                            + delegate.readyReplicas() + " ready, image " + delegate.image());
            for (DelegateResult.ConnectorStatus connector : delegate.connectors()) {
                step(
                        "connector " + connector.id(),
                        connector.type() + " test " + connector.status()
                                + (connector.errors().isEmpty()
                                        ? ""
                                        : ": " + connector.errors().get(0).get("message")));
            }
            if (!delegate.succeeded()) {
                out.println("demo: the delegate did not connect, or a connector test failed.");
                return ExitCodes.FAILURE;
            }
            sandbox.calls().clear();
            DelegateResult delegateAgain =
                    Steps.DELEGATE.run(delegateArguments(sandbox, role2Arn), context(environment));
            int delegateWrites = sandbox.calls().mutating().size();
            step(
                    "delegate re-run",
                    delegateAgain.changes().isEmpty() && delegateWrites == 0
                            ? "no changes (idempotent, " + sandbox.calls().all().size() + " reads, 0 writes)"
                            : "UNEXPECTED CHANGES " + delegateAgain.changes());

            step(
                    "== " + Steps.VERIFY.pipelineName(),
                    "(eks-irsa " + Steps.VERIFY.command() + ") the chain, checked and walked");
            Path report = reportFile();
            VerifyResult verified = Steps.VERIFY.run(verifyArguments(sandbox, role2Arn, report), context(environment));
            step(
                    "verify",
                    (verified.passed() ? "passed: " : "NOT passed: ") + verified.count(Check.Status.PASS)
                            + " checks passed, " + verified.count(Check.Status.WARN) + " warnings, "
                            + verified.count(Check.Status.FAIL) + " failed");
            verified.identities().forEach(i -> step("  identity", String.valueOf(i.get("arn"))));
            step("report", report.toString());
            if (!verified.passed()) {
                return ExitCodes.FAILURE;
            }
            out.println("demo: the IRSA chain and the Harness delegate work end to end on the sandbox.");
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
    private static final String SECONDARY_KEY_ID = "DEMO_SECONDARY_ACCESS_KEY_ID";

    private static final String SECONDARY_SECRET = "DEMO_SECONDARY_SECRET_ACCESS_KEY";

    /**
     * The environment the steps get, as a build's would be: the first account's keys and region, the second's
     * under their own names, and the sandbox's CA for the issuer's certificate.
     */
    private static Map<String, String> environment(Sandbox sandbox) {
        Path caBundle;
        try {
            caBundle = Files.createTempFile("eks-irsa-demo-ca", ".pem");
            caBundle.toFile().deleteOnExit();
            Files.writeString(caBundle, sandbox.certificateAuthority().rootPem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's CA bundle", e);
        }
        return Map.of(
                "AWS_ACCESS_KEY_ID",
                sandbox.primary().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY",
                sandbox.primary().secretAccessKey(),
                "AWS_REGION",
                sandbox.region(),
                "AWS_CA_BUNDLE",
                caBundle.toString(),
                SECONDARY_KEY_ID,
                sandbox.secondary().accessKeyId(),
                SECONDARY_SECRET,
                sandbox.secondary().secretAccessKey(),
                DelegateArgs.DEFAULT_API_KEY_ENV,
                sandbox.harness().account().apiKey());
    }

    private static StepContext context(Map<String, String> environment) {
        return new StepContext(
                new EnvironmentConnectionResolver(environment, false), environment, ProgressListener.NONE);
    }

    /** eksIrsaCluster's arguments, as a Jenkinsfile or a --spec file names them. */
    private static Map<String, Object> clusterArguments(Sandbox sandbox) {
        return Map.of(
                "name",
                CLUSTER,
                "create",
                true,
                "timeout",
                "20s",
                "endpointUrl",
                sandbox.awsEndpoint().toString());
    }

    /** irsaRole's arguments: the runbook's Role-1 for the delegate's service account, and Role-2 in account 2. */
    private static Map<String, Object> roleArguments(Sandbox sandbox) {
        return Map.of(
                "cluster", CLUSTER,
                "namespace", NAMESPACE,
                "serviceAccount", SERVICE_ACCOUNT,
                "endpointUrl", sandbox.awsEndpoint().toString(),
                "targetRoles",
                        List.of(Map.of(
                                "roleName", ROLE_2,
                                "policyArns", List.of(S3_READ),
                                // what Harness's AWS connector test calls
                                "inlinePolicies",
                                        Map.of(
                                                "describe-regions",
                                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                                        + "\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}"),
                                "connection",
                                        Map.of(
                                                "credentialsEnv",
                                                Map.of(
                                                        "accessKeyId",
                                                        SECONDARY_KEY_ID,
                                                        "secretAccessKey",
                                                        SECONDARY_SECRET)))));
    }

    private static Path reportFile() {
        try {
            return Files.createTempFile("eks-irsa-verify", ".html");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the verification report's file", e);
        }
    }

    /** verifyIrsa's arguments: the delegate's service account, through Role-2, probing what Harness's test calls. */
    private static Map<String, Object> verifyArguments(Sandbox sandbox, String role2Arn, Path html) {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", NAMESPACE);
        args.put("serviceAccount", SERVICE_ACCOUNT);
        args.put("assumeRoleArns", List.of(role2Arn));
        args.put("probes", List.of("ec2:DescribeRegions"));
        args.put("htmlFile", html.toString());
        args.put("endpointUrl", sandbox.awsEndpoint().toString());
        return args;
    }

    /** harnessDelegate's arguments: the delegate under Role-1's service account, both connectors tested. */
    private static Map<String, Object> delegateArguments(Sandbox sandbox, String role2Arn) {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("accountId", sandbox.harness().account().accountId());
        args.put("name", "demo-delegate");
        args.put("namespace", NAMESPACE);
        args.put("serviceAccount", SERVICE_ACCOUNT);
        args.put("managerUrl", sandbox.harness().uri().toString());
        args.put("k8sConnector", "demo_eks");
        args.put("awsConnector", "demo_aws");
        args.put("crossAccountRoleArn", role2Arn);
        args.put("testConnectors", true);
        args.put("timeout", "60s");
        args.put("endpointUrl", sandbox.awsEndpoint().toString());
        return args;
    }

    private static AwsCredentials key(SandboxAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
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
