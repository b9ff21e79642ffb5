package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.cli.CliJvm.Run;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.aws.ec2.DefaultSubnets;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.Kubectl;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-irsa cluster} and {@code token} in their own JVM, with credentials in the environment as users have. */
@RunsAgainst(Backend.SANDBOX_SDK)
class ClusterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static CliJvm jvm;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        jvm = CliJvm.of(sandbox, dir).withoutRegionFlag();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void cluster_createThenRerunThenDrift_jsonResultAndExitCodes() throws Exception {
        Run created = cli(
                "cluster",
                "--name",
                "cli-one",
                "--create",
                "--timeout",
                "20s",
                "--output",
                "json",
                "--tag",
                "team=platform");
        sandbox.calls().clear();
        Run rerun = cli("cluster", "--name", "cli-one", "--dry-run", "--detailed-exitcode", "--output", "json");
        int rerunWrites = sandbox.calls().mutating().size();
        JsonNode first = JSON.readTree(created.out());
        sandbox.calls().clear();
        deleteProvider(first.get("oidcProviderArn").asText());
        sandbox.calls().clear();
        Run drift = cli("cluster", "--name", "cli-one", "--dry-run", "--detailed-exitcode");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(first.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.get("created").asBoolean()).isTrue();
        assertThat(first.get("oidcProviderCreated").asBoolean()).isTrue();
        assertThat(first.get("changes").findValuesAsText("action")).contains("CREATE");
        assertThat(first.get("changes"))
                .filteredOn(c -> c.get("kind").asText().equals("EksCluster"))
                .singleElement()
                .satisfies(c -> assertThat(c.get("id").asText())
                        .isEqualTo(first.get("arn").asText()));
        assertThat(created.err()).contains("Waiting for EKS cluster \"cli-one\" to become ACTIVE");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(JSON.readTree(rerun.out()).get("changes")).isEmpty();
        assertThat(rerunWrites).isZero();
        assertThat(drift.exit()).as(drift.err()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drift.out()).contains("would create OidcProvider");
        assertThat(sandbox.calls().mutating()).isEmpty();
        for (Run run : List.of(created, rerun, drift)) {
            assertThat(run.out() + run.err()).doesNotContain(sandbox.primary().secretAccessKey());
        }
    }

    @Test
    void cluster_badSubnet_exitsTwoWithJsonErrorBeforeAnyCall() throws Exception {
        sandbox.calls().clear();

        Run run = cli(
                "cluster",
                "--name",
                "cli-bad",
                "--create",
                "--subnet-id",
                "subnet-1",
                "--subnet-id",
                "subnet-2",
                "--output",
                "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode error = JSON.readTree(run.out()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("InvalidInput");
        assertThat(error.get("field").asText()).isEqualTo("subnetIds");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void cluster_missingWithoutCreate_exitsOneNamingTheCluster() throws Exception {
        Run run = cli("cluster", "--name", "cli-none", "--output", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(JSON.readTree(run.out()).get("error").get("message").asText())
                .contains("EKS cluster \"cli-none\" not found");
    }

    @Test
    @RunsAgainst({Backend.SANDBOX_SDK, Backend.KUBECTL})
    void cluster_writeKubeconfig_kubectlWorksWithTheFileAndItHoldsNoSecret() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");

        Run run = cli(
                "cluster",
                "--name",
                "cli-kube",
                "--create",
                "--timeout",
                "20s",
                "--write-kubeconfig",
                kubeconfig.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String text = Files.readString(kubeconfig);
        assertThat(text)
                .contains(
                        "client.authentication.k8s.io/v1beta1",
                        "token",
                        "--cluster",
                        "cli-kube",
                        "--endpoint-url",
                        sandbox.awsEndpoint().toString(),
                        "certificate-authority-data")
                .doesNotContain(
                        sandbox.primary().secretAccessKey(), sandbox.primary().accessKeyId());
        // the exec entry runs this build's eks-irsa token (java -cp <classes> Main) with the user's credentials
        sandbox.calls().clear();
        Kubectl kubectl = Kubectl.with(kubeconfig).withEnv(credentialsEnv());
        CliResult namespaces = kubectl.run("get", "namespaces", "-o", "name");
        CliResult created = kubectl.run("create", "namespace", "from-kubeconfig");

        assertThat(namespaces.exitCode()).as("%s", namespaces).isZero();
        assertThat(namespaces.stdout()).contains("namespace/default");
        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(sandbox.calls().matching(r -> "kubernetes".equals(r.service()) && r.mutating()))
                .anySatisfy(r -> {
                    assertThat(r.cluster()).isEqualTo("cli-kube");
                    assertThat(r.principal()).isEqualTo(sandbox.primary().arn());
                });
    }

    @Test
    void cluster_callerWithoutAccessEntry_warnsHowToGrantItAndSucceeds() throws Exception {
        Run created = cli("cluster", "--name", "cli-access", "--create", "--timeout", "20s", "--output", "json");
        String ops = operatorRole("cli-ops");

        Run refused = cli("cluster", "--name", "cli-access", "--role-arn", ops, "--output", "json");
        Run granted = cli("cluster", "--name", "cli-access", "--access-principal-arn", ops, "--output", "json");
        Run admitted = cli("cluster", "--name", "cli-access", "--role-arn", ops, "--output", "json");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(JSON.readTree(created.out()).get("warnings")).isEmpty();
        assertThat(refused.exit()).as(refused.err()).isZero();
        assertThat(JSON.readTree(refused.out()).get("warnings").get(0).asText())
                .contains("403 Forbidden", "--access-principal-arn " + ops);
        assertThat(refused.err()).contains("--access-principal-arn " + ops);
        assertThat(granted.exit()).as(granted.err()).isZero();
        assertThat(admitted.exit()).as(admitted.err()).isZero();
        assertThat(JSON.readTree(admitted.out()).get("warnings")).isEmpty();
    }

    @Test
    void cluster_specFileWithFlagOverride_createsThenStateAbsentDeletesOnlyOurs() throws Exception {
        Path spec = Files.writeString(
                dir.resolve("cluster.yaml"),
                "name: cli-spec\ncreate: true\ntimeout: 20s\ntags:\n  team: platform\ndryRun: true\n");

        Run planned = cli("cluster", "--spec", spec.toString(), "--output", "json");
        Run created = cli("cluster", "--spec", spec.toString(), "--dry-run=false", "--output", "json");
        sandbox.calls().clear();
        Run deleted = cli("cluster", "--name", "cli-spec", "--state", "absent", "--timeout", "20s", "--output", "json");

        assertThat(planned.exit()).as(planned.err()).isZero();
        assertThat(JSON.readTree(planned.out()).get("status").asText()).isEqualTo("MISSING");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(JSON.readTree(created.out()).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(JSON.readTree(deleted.out()).get("changes").findValuesAsText("kind"))
                .containsExactly("EksCluster", "OidcProvider", "IamRole");
        assertThat(sandbox.calls().mutating())
                .extracting(r -> r.action())
                .contains("DeleteCluster", "DeleteOpenIDConnectProvider", "DeleteRole");
    }

    @Test
    void cluster_specFileWithUnknownKey_exitsTwo() throws Exception {
        Path spec = Files.writeString(dir.resolve("typo.yaml"), "name: x\nsubnetId: subnet-0123abcd\n");

        Run run = cli("cluster", "--spec", spec.toString(), "--output", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(JSON.readTree(run.out()).at("/error/field").asText()).isEqualTo("subnetId");
    }

    @Test
    void cluster_realRerun_makesNoMutatingAwsOrKubernetesCall() throws Exception {
        Run created = cli("cluster", "--name", "cli-rerun", "--create", "--timeout", "20s", "--output", "json");
        sandbox.calls().clear();

        Run rerun = cli("cluster", "--name", "cli-rerun", "--create", "--timeout", "20s", "--output", "json");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(JSON.readTree(rerun.out()).get("changes")).isEmpty();
        assertThat(sandbox.calls().mutating()).isEmpty();
        // the run did look: at AWS, and at the cluster's Kubernetes API (the access check)
        assertThat(sandbox.calls().all()).extracting(CallRecord::service).contains("eks", "iam", "kubernetes");
    }

    @Test
    void cluster_timeoutShorterThanActivation_exitsOneWithTimeoutError() throws Exception {
        try (Sandbox slow =
                Sandbox.start(SandboxOptions.defaults().withClusterActivationDelay(Duration.ofSeconds(30)))) {
            Run run = cliOn(
                    slow,
                    credentialsEnv(slow),
                    "cluster",
                    "--name",
                    "cli-slow",
                    "--create",
                    "--timeout",
                    // overall: a fresh JVM's set-up takes part of it, the rest is polled
                    "6s",
                    "--output",
                    "json");

            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
            JsonNode error = JSON.readTree(run.out()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("Timeout");
            assertThat(error.get("message").asText()).contains("cli-slow");
            assertThat(slow.calls().matching(r -> "DescribeCluster".equals(r.action())))
                    .hasSizeGreaterThan(2);
        }
    }

    @Test
    void cluster_creationFlags_shapeTheClusterNodegroupAndAccessEntry() throws Exception {
        String clusterRole = role("cli-flags-cluster", "eks.amazonaws.com");
        String nodeRole = role("cli-flags-node", "ec2.amazonaws.com");
        String jenkins = role("cli-flags-jenkins", "ec2.amazonaws.com");
        List<String> subnets;
        try (AwsClients aws = aws()) {
            subnets = new DefaultSubnets(aws.ec2()).find(sandbox.region());
        }
        sandbox.calls().clear();

        Run run = cli(
                "cluster",
                "--name",
                "cli-flags",
                "--create",
                "--kubernetes-version",
                "1.30",
                "--subnet-id",
                subnets.get(0),
                "--subnet-id",
                subnets.get(1),
                "--security-group-id",
                "sg-0123456789abcdef0",
                "--cluster-role-arn",
                clusterRole,
                "--nodegroup-name",
                "workers",
                "--instance-type",
                "m5.large",
                "--instance-type",
                "m5.xlarge",
                "--min-size",
                "2",
                "--desired-size",
                "3",
                "--max-size",
                "5",
                "--node-role-arn",
                nodeRole,
                "--access-principal-arn",
                jenkins,
                "--tag",
                "team=platform",
                "--tag",
                "env=dev",
                "--timeout",
                "20s",
                "--output",
                "text");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(actions(sandbox.calls().mutating()))
                .contains(
                        "CreateCluster",
                        "CreateNodegroup",
                        "CreateAccessEntry",
                        "AssociateAccessPolicy",
                        "CreateOpenIDConnectProvider")
                .doesNotContain("CreateRole", "AttachRolePolicy");
        try (AwsClients aws = aws()) {
            var cluster = aws.eks().describeCluster(b -> b.name("cli-flags")).cluster();
            assertThat(cluster.version()).isEqualTo("1.30");
            assertThat(cluster.roleArn()).isEqualTo(clusterRole);
            assertThat(cluster.resourcesVpcConfig().subnetIds()).containsExactly(subnets.get(0), subnets.get(1));
            assertThat(cluster.resourcesVpcConfig().securityGroupIds()).containsExactly("sg-0123456789abcdef0");
            assertThat(cluster.tags())
                    .containsEntry("team", "platform")
                    .containsEntry("env", "dev")
                    .containsEntry("managed-by", "eks-irsa");
            var nodegroup = aws.eks()
                    .describeNodegroup(b -> b.clusterName("cli-flags").nodegroupName("workers"))
                    .nodegroup();
            assertThat(nodegroup.instanceTypes()).containsExactly("m5.large", "m5.xlarge");
            assertThat(nodegroup.scalingConfig().minSize()).isEqualTo(2);
            assertThat(nodegroup.scalingConfig().desiredSize()).isEqualTo(3);
            assertThat(nodegroup.scalingConfig().maxSize()).isEqualTo(5);
            assertThat(nodegroup.nodeRole()).isEqualTo(nodeRole);
            assertThat(aws.eks()
                            .listAssociatedAccessPolicies(
                                    b -> b.clusterName("cli-flags").principalArn(jenkins))
                            .associatedAccessPolicies())
                    .extracting(p -> p.policyArn())
                    .containsExactly("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        }
        assertThat(run.out())
                .contains(
                        "EKS cluster cli-flags: ACTIVE (Kubernetes 1.30)",
                        "node group:    workers ACTIVE [m5.large, m5.xlarge] x3",
                        "create EksNodegroup",
                        "create AccessEntry arn:aws:eks:" + sandbox.region() + ":"
                                + sandbox.primary().accountId() + ":access-entry/cli-flags/role/",
                        "access entry for " + jenkins);
    }

    @Test
    void cluster_profileFlag_readsTheSharedCredentialsFile() throws Exception {
        Path credentials = Files.writeString(
                dir.resolve("credentials"),
                "[sbx]\naws_access_key_id = " + sandbox.primary().accessKeyId() + "\naws_secret_access_key = "
                        + sandbox.primary().secretAccessKey() + "\n");
        Map<String, String> env = Map.of(
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
                "AWS_EC2_METADATA_DISABLED", "true");
        sandbox.calls().clear();

        Run withProfile = cliWithEnv(
                env,
                "cluster",
                "--name",
                "cli-profile",
                "--create",
                "--profile",
                "sbx",
                "--region",
                sandbox.region(),
                "--timeout",
                "20s",
                "--output",
                "json");
        List<CallRecord> calls = sandbox.calls().all();
        Run unknownProfile =
                cliWithEnv(env, "cluster", "--name", "cli-profile", "--profile", "nope", "--region", sandbox.region());

        assertThat(withProfile.exit()).as(withProfile.err()).isZero();
        assertThat(JSON.readTree(withProfile.out()).get("region").asText()).isEqualTo(sandbox.region());
        assertThat(calls)
                .filteredOn(r -> "CreateCluster".equals(r.action()))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.principal()).isEqualTo(sandbox.primary().arn()));
        // a missing profile is bad input, named, before any call
        assertThat(unknownProfile.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknownProfile.err()).contains("invalid profile: there is no profile nope in");
    }

    @Test
    void cluster_assumeRoleFlags_externalIdSessionNameAndDurationReachSts() throws Exception {
        String role = operatorRole("cli-ext", ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ext-123\"}}");
        String session = "arn:aws:sts::" + sandbox.primary().accountId() + ":assumed-role/cli-ext/build-42";
        sandbox.calls().clear();

        Run assumed = cli(
                "cluster",
                "--name",
                "cli-assumed",
                "--create",
                "--timeout",
                "20s",
                "--role-arn",
                role,
                "--external-id",
                "ext-123",
                "--session-name",
                "build-42",
                "--duration",
                "20m");
        List<CallRecord> calls = sandbox.calls().all();
        Run wrongExternalId = cli(
                "cluster", "--name", "cli-assumed", "--role-arn", role, "--external-id", "ext-999", "--output", "json");
        Run tooLong = cli(
                "cluster", "--name", "cli-assumed", "--role-arn", role, "--external-id", "ext-123", "--duration", "2h");

        assertThat(assumed.exit()).as(assumed.err()).isZero();
        assertThat(calls)
                .filteredOn(r -> "CreateCluster".equals(r.action()))
                .singleElement()
                .satisfies(r -> assertThat(r.principal()).isEqualTo(session));
        assertThat(wrongExternalId.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(JSON.readTree(wrongExternalId.out()).at("/error/message").asText())
                .contains("AssumeRole");
        assertThat(tooLong.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tooLong.err()).contains("MaxSessionDuration");
    }

    @Test
    @RunsAgainst({Backend.SANDBOX_SDK, Backend.KUBECTL})
    void cluster_jsonTextAndErrors_neverPrintSecretKeySessionTokenOrBearerToken() throws Exception {
        String role = operatorRole("cli-secret", "");
        var session = sessionOf(role);
        Map<String, String> env = Map.of(
                "AWS_ACCESS_KEY_ID", session.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", session.secretAccessKey(),
                "AWS_SESSION_TOKEN", session.sessionToken(),
                "AWS_REGION", sandbox.region(),
                "AWS_EC2_METADATA_DISABLED", "true");
        Path kubeconfig = dir.resolve("secret-kubeconfig");

        List<Run> runs = List.of(
                cliWithEnv(
                        env,
                        "cluster",
                        "--name",
                        "cli-secret",
                        "--create",
                        "--timeout",
                        "20s",
                        "--output",
                        "json",
                        "--write-kubeconfig",
                        kubeconfig.toString()),
                cliWithEnv(env, "cluster", "--name", "cli-secret", "--output", "text"),
                cliWithEnv(env, "cluster", "--name", "cli-secret", "--dry-run", "--output", "json"),
                cliWithEnv(env, "cluster", "--name", "cli-secret-missing", "--output", "json"),
                cliWithEnv(env, "cluster", "--name", "cli-secret-missing", "--output", "text"),
                cliWithEnv(
                        env,
                        "cluster",
                        "--name",
                        "cli-secret",
                        "--role-arn",
                        role,
                        "--external-id",
                        "ext-1",
                        "--output",
                        "json"));

        assertThat(runs.get(0).exit()).as(runs.get(0).err()).isZero();
        assertThat(runs.get(1).exit()).as(runs.get(1).err()).isZero();
        assertThat(runs.get(3).exit()).isEqualTo(ExitCodes.FAILURE);
        String everything =
                runs.stream().map(r -> r.out() + r.err()).reduce("", String::concat) + Files.readString(kubeconfig);
        assertThat(everything)
                .doesNotContain(
                        session.secretAccessKey(),
                        session.sessionToken(),
                        sandbox.primary().secretAccessKey(),
                        "k8s-aws-v1.");
        // the bearer token was made and used: the access check reached the cluster's Kubernetes API
        assertThat(sandbox.calls().matching(r -> "kubernetes".equals(r.service()) && "cli-secret".equals(r.cluster())))
                .isNotEmpty();
    }

    @Test
    void token_printsExecCredentialWithEksToken() throws Exception {
        Run run = cli("token", "--cluster", "any", "--region", sandbox.region());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode credential = JSON.readTree(run.out());
        assertThat(credential.get("kind").asText()).isEqualTo("ExecCredential");
        assertThat(credential.get("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(credential.at("/status/token").asText()).startsWith("k8s-aws-v1.");
        assertThat(credential.at("/status/expirationTimestamp").asText()).endsWith("Z");
        assertThat(run.err()).isEmpty();
    }

    private static void deleteProvider(String arn) {
        try (AwsClients aws = aws()) {
            aws.iam().deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        }
    }

    private static String operatorRole(String name) {
        return operatorRole(name, "");
    }

    /** A role of the sandbox's primary account with AdministratorAccess in IAM, trusting the primary user. */
    private static String operatorRole(String name, String trustCondition) {
        try (AwsClients aws = aws()) {
            String arn = aws.iam()
                    .createRole(b -> b.roleName(name)
                            .assumeRolePolicyDocument(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                            + "\"Principal\":{\"AWS\":\""
                                            + sandbox.primary().arn()
                                            + "\"},\"Action\":\"sts:AssumeRole\""
                                            + trustCondition
                                            + "}]}"))
                    .role()
                    .arn();
            aws.iam().attachRolePolicy(b -> b.roleName(name).policyArn(Sandbox.ADMINISTRATOR_ACCESS));
            return arn;
        }
    }

    /** The credentials users have in their environment; passed on to processes, never printed. */
    private static Map<String, String> credentialsEnv() {
        return credentialsEnv(sandbox);
    }

    private static Map<String, String> credentialsEnv(Sandbox sandbox) {
        return Map.of(
                "AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey(),
                "AWS_REGION", sandbox.region(),
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    private static AwsClients aws() {
        return AwsConnection.of(
                        CredentialsSource.staticKeys(
                                sandbox.primary().accessKeyId(),
                                sandbox.primary().secretAccessKey(),
                                null),
                        sandbox.region())
                .withEndpoint(sandbox.awsEndpoint())
                .open();
    }

    /** A role trusting the service, made outside eks-irsa. */
    private static String role(String name, String service) {
        try (AwsClients aws = aws()) {
            return aws.iam()
                    .createRole(b -> b.roleName(name)
                            .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                                    + "\"Allow\",\"Principal\":{\"Service\":\"" + service + "\"},"
                                    + "\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
        }
    }

    /** Temporary credentials (with a session token) of a role session, as CI systems hand them out. */
    private static software.amazon.awssdk.services.sts.model.Credentials sessionOf(String roleArn) {
        try (AwsClients aws = aws()) {
            return aws.sts()
                    .assumeRole(b -> b.roleArn(roleArn).roleSessionName("ci"))
                    .credentials();
        }
    }

    private static List<String> actions(List<CallRecord> calls) {
        return calls.stream().map(CallRecord::action).toList();
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        return cliWithEnv(credentialsEnv(), args);
    }

    private static Run cliWithEnv(Map<String, String> credentials, String... args)
            throws IOException, InterruptedException {
        return jvm.withCredentials(credentials).run(args);
    }

    private static Run cliOn(Sandbox sandbox, Map<String, String> credentials, String... args)
            throws IOException, InterruptedException {
        return CliJvm.of(sandbox, dir)
                .withoutRegionFlag()
                .withCredentials(credentials)
                .run(args);
    }
}
