package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.eksirsa.cli.CliJvm.Run;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import dev.eksirsa.engine.kube.KubeClients;
import dev.eksirsa.engine.kube.KubeEndpoint;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** Every flag of {@code eks-irsa role}, each with its effect on the sandbox's IAM, STS and Kubernetes state. */
@RunsAgainst(Backend.SANDBOX_SDK)
class RoleCommandFlagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "flags";
    private static final String EC2_FULL = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";
    private static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static Sandbox sandbox;
    private static CliJvm jvm;
    private static String issuer;
    private static String providerArn;
    private static KubeEndpoint endpoint;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
        jvm = CliJvm.of(sandbox, dir);
        Run cluster = jvm.run("cluster", "--name", CLUSTER, "--create", "--timeout", "20s", "--output", "json");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        JsonNode c = JSON.readTree(cluster.out());
        issuer = c.get("oidcIssuer").asText();
        providerArn = c.get("oidcProviderArn").asText();
        endpoint = new KubeEndpoint(
                CLUSTER,
                c.get("endpoint").asText(),
                c.get("certificateAuthority").asText());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void roleFlags_pathDescriptionSessionTagsPoliciesAndBoundary_shapeTheRoleAndTheBoundaryLimitsIt() throws Exception {
        String roleX = roleTrustingAccountRoot(sandbox.primary(), "Role-X");
        Path ec2 = Files.writeString(
                dir.resolve("ec2.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeRegions\","
                        + "\"Resource\":\"*\"}]}");

        Run run = jvm.run(
                "role",
                "--cluster",
                CLUSTER,
                "--namespace",
                "apps",
                "--service-account",
                "props",
                "--role-name",
                "Props-1",
                "--path",
                "/irsa/",
                "--description",
                "Role for the props app",
                "--max-session-duration",
                "7200",
                "--tag",
                "team=platform",
                "--policy-arn",
                S3_READ,
                "--inline-policy",
                "Ec2=" + ec2,
                "--assume-role-arn",
                roleX,
                "--permissions-boundary",
                EC2_FULL,
                "--output",
                "text");

        assertThat(run.exit()).as(run.err()).isZero();
        String arn = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/irsa/Props-1";
        assertThat(run.out()).startsWith("IAM role " + arn).contains("create IamRole " + arn);
        Role role = role("Props-1", sandbox.primary());
        assertThat(role.path()).isEqualTo("/irsa/");
        assertThat(role.description()).isEqualTo("Role for the props app");
        assertThat(role.maxSessionDuration()).isEqualTo(7200);
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(EC2_FULL);
        assertThat(tags("Props-1", sandbox.primary()))
                .containsEntry("team", "platform")
                .containsEntry("managed-by", "eks-irsa");
        assertThat(attached("Props-1", sandbox.primary())).containsExactly(S3_READ);
        Credentials props = webIdentity(arn, "apps", "props", "sts.amazonaws.com");
        try (Ec2Client ec2Client = ec2(session(props))) {
            assertThat(ec2Client.describeRegions().regions()).isNotEmpty();
        }
        // the role's own policy allows sts:AssumeRole on Role-X and Role-X trusts the account: only the boundary
        // (EC2 only) stands in the way
        try (StsClient sts = sts(session(props))) {
            assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(roleX).roleSessionName("probe")))
                    .isInstanceOf(StsException.class)
                    .hasMessageContaining("not authorized");
        }
        try (StsClient sts = sts(keys(sandbox.primary()))) {
            assertThat(sts.assumeRole(b -> b.roleArn(roleX).roleSessionName("admin"))
                            .assumedRoleUser()
                            .arn())
                    .contains("assumed-role/Role-X/admin");
        }
    }

    @Test
    void audience_trustAndAnnotationUseIt_andOnlyATokenForThatAudienceAssumes() throws Exception {
        try (IamClient iam = iam(keys(sandbox.primary()))) {
            iam.addClientIDToOpenIDConnectProvider(
                    b -> b.openIDConnectProviderArn(providerArn).clientID("vault"));
        }

        Run run = jvm.run(
                "role",
                "--cluster",
                CLUSTER,
                "--namespace",
                "apps",
                "--service-account",
                "aud",
                "--role-name",
                "Aud-1",
                "--audience",
                "vault",
                "--output",
                "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        String hostPath = issuer.substring("https://".length());
        assertThat(result.get("trustPolicy").findValue(hostPath + ":aud").asText())
                .isEqualTo("vault");
        try (KubernetesClient kube = kube()) {
            assertThat(kube.serviceAccounts()
                            .inNamespace("apps")
                            .withName("aud")
                            .get()
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry("eks.amazonaws.com/audience", "vault");
        }
        String arn = result.get("roleArn").asText();
        assertThat(webIdentity(arn, "apps", "aud", "vault").accessKeyId()).isNotBlank();
        assertThatThrownBy(() -> webIdentity(arn, "apps", "aud", "sts.amazonaws.com"))
                .isInstanceOf(StsException.class);
    }

    @Test
    void oidcProviderArn_isUsedDirectlyWithoutLookingUpTheCluster() throws Exception {
        sandbox.calls().clear();

        Run run = jvm.run(
                "role",
                "--oidc-provider-arn",
                providerArn,
                "--namespace",
                "apps",
                "--service-account",
                "direct",
                "--role-name",
                "Direct-1",
                "--output",
                "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(sandbox.calls().all()).extracting(CallRecord::action).doesNotContain("DescribeCluster");
        assertThat(JSON.readTree(run.out())
                        .get("trustPolicy")
                        .findValue("Federated")
                        .asText())
                .isEqualTo(providerArn);
        assertThat(webIdentity(JSON.readTree(run.out()).get("roleArn").asText(), "apps", "direct", "sts.amazonaws.com")
                        .accessKeyId())
                .isNotBlank();
    }

    @Test
    void targetRoles_byProfileAndByRoleArn_withTargetExternalId_trustRole1OnlyWithTheExternalId() throws Exception {
        String deployer = roleTrustingAccountRoot(sandbox.secondary(), "Deployer");
        try (IamClient iam = iam(keys(sandbox.secondary()))) {
            iam.attachRolePolicy(b -> b.roleName("Deployer").policyArn(ADMIN));
        }
        Path config = Files.writeString(dir.resolve("config"), "[profile second]\nregion = " + sandbox.region() + "\n");
        Path credentials = Files.writeString(
                dir.resolve("credentials"),
                "[second]\naws_access_key_id = " + sandbox.secondary().accessKeyId() + "\naws_secret_access_key = "
                        + sandbox.secondary().secretAccessKey() + "\n");
        Path spec = Files.writeString(
                dir.resolve("targets.yaml"),
                """
                cluster: flags
                serviceAccounts: [apps/chain]
                roleName: Chain-1
                targetRoles:
                  - roleName: Prof-2
                    connection: {profile: second}
                  - roleName: Via-2
                    connection: {roleArn: %s}
                    externalId: via-7
                """
                        .formatted(deployer));

        Run run = jvm.run(
                Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                "role",
                "--spec",
                spec.toString(),
                "--target-external-id",
                "ext-42",
                "--output",
                "json");

        assertThat(run.exit()).as(run.err()).isZero();
        String second = sandbox.secondary().accountId();
        String prof2 = "arn:aws:iam::" + second + ":role/Prof-2";
        String via2 = "arn:aws:iam::" + second + ":role/Via-2";
        assertThat(JSON.readTree(run.out()).get("targetRoleArns"))
                .extracting(JsonNode::asText)
                .containsExactly(prof2, via2);
        assertThat(URLDecoder.decode(
                        role("Prof-2", sandbox.secondary()).assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains("\"sts:ExternalId\":\"ext-42\"", sandbox.primary().accountId() + ":role/Chain-1");
        Credentials chain =
                webIdentity(JSON.readTree(run.out()).get("roleArn").asText(), "apps", "chain", "sts.amazonaws.com");
        try (StsClient sts = sts(session(chain))) {
            assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(prof2).roleSessionName("no-id")))
                    .isInstanceOf(StsException.class);
            assertThat(sts.assumeRole(b ->
                                    b.roleArn(prof2).roleSessionName("prof").externalId("ext-42"))
                            .assumedRoleUser()
                            .arn())
                    .contains("assumed-role/Prof-2/prof");
            assertThatThrownBy(() -> sts.assumeRole(
                            b -> b.roleArn(via2).roleSessionName("via").externalId("ext-42")))
                    .isInstanceOf(StsException.class);
            assertThat(sts.assumeRole(
                                    b -> b.roleArn(via2).roleSessionName("via").externalId("via-7"))
                            .assumedRoleUser()
                            .arn())
                    .contains("assumed-role/Via-2/via");
        }
        assertThat(run.out() + run.err()).doesNotContain(sandbox.secondary().secretAccessKey());
    }

    @Test
    void restartPods_rollsTheDeploymentWhosePodsLackTheRole() throws Exception {
        try (KubernetesClient kube = kube()) {
            kube.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("rollout")
                            .endMetadata()
                            .build())
                    .create();
            kube.serviceAccounts()
                    .inNamespace("rollout")
                    .resource(new ServiceAccountBuilder()
                            .withNewMetadata()
                            .withName("worker")
                            .endMetadata()
                            .build())
                    .create();
            kube.apps()
                    .deployments()
                    .inNamespace("rollout")
                    .resource(deployment("worker"))
                    .create();
        }

        Run run = jvm.run(
                "role",
                "--cluster",
                CLUSTER,
                "--namespace",
                "rollout",
                "--service-account",
                "worker",
                "--restart-pods",
                "--output",
                "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("restarted")).extracting(JsonNode::asText).containsExactly("Deployment/rollout/worker");
        try (KubernetesClient kube = kube()) {
            assertThat(kube.pods()
                            .inNamespace("rollout")
                            .withLabel("app", "worker")
                            .list()
                            .getItems())
                    .isNotEmpty()
                    .allMatch(p -> p.toString().contains(result.get("roleArn").asText()));
        }
    }

    @Test
    void exclusive_onARoleEksIrsaDidNotCreate_detachesWhatTheSpecDoesNotName() throws Exception {
        try (IamClient iam = iam(keys(sandbox.primary()))) {
            iam.createRole(b -> b.roleName("Foreign-1")
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.attachRolePolicy(b -> b.roleName("Foreign-1").policyArn(EC2_FULL));
        }

        Run run = jvm.run(
                "role",
                "--cluster",
                CLUSTER,
                "--namespace",
                "apps",
                "--service-account",
                "foreign",
                "--role-name",
                "Foreign-1",
                "--policy-arn",
                S3_READ,
                "--exclusive",
                "--output",
                "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(attached("Foreign-1", sandbox.primary())).containsExactly(S3_READ);
    }

    @Test
    void stateAbsent_removesTheRoleAndTheAnnotation_andTextOutputSaysSo() throws Exception {
        String[] role = {
            "role", "--cluster", CLUSTER, "--namespace", "apps", "--service-account", "gone", "--role-name", "Gone-1"
        };
        Run created = jvm.run(role);
        assertThat(created.exit()).as(created.err()).isZero();

        Run removed = jvm.run(concat(role, "--state", "absent", "--output", "text"));

        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("delete IamRole");
        assertThatThrownBy(() -> role("Gone-1", sandbox.primary())).isInstanceOf(NoSuchEntityException.class);
        try (KubernetesClient kube = kube()) {
            ServiceAccount sa =
                    kube.serviceAccounts().inNamespace("apps").withName("gone").get();
            assertThat(sa == null ? Map.of() : sa.getMetadata().getAnnotations())
                    .doesNotContainKey("eks.amazonaws.com/role-arn");
        }
    }

    @Test
    void targetRoleSessionOverAnHour_andUnknownOutput_exitTwoBeforeAnyCall() throws Exception {
        Path spec = Files.writeString(
                dir.resolve("long.yaml"),
                """
                cluster: flags
                serviceAccounts: [apps/long]
                targetRoles:
                  - roleName: Long-2
                    connection: {credentialsEnv: {accessKeyId: SECOND_KEY_ID, secretAccessKey: SECOND_SECRET}}
                    maxSessionDuration: 7200
                """);
        sandbox.calls().clear();

        Run longSession = jvm.run("role", "--spec", spec.toString(), "--output", "json");
        Run yaml = jvm.run("role", "--spec", spec.toString(), "--output", "yaml");

        assertThat(longSession.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        JsonNode error = JSON.readTree(longSession.out()).get("error");
        assertThat(error.get("field").asText()).isEqualTo("targetRoles[0].maxSessionDuration");
        assertThat(error.get("message").asText()).contains("role chaining", "1 hour");
        assertThat(yaml.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(sandbox.calls().all()).isEmpty();
    }

    // --- helpers

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Credentials webIdentity(String roleArn, String namespace, String name, String audience) {
        Instant now = Instant.now();
        String token = sandbox.oidc()
                .find(issuer)
                .orElseThrow()
                .sign(new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("system:serviceaccount:" + namespace + ":" + name)
                        .audience(audience)
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        try (StsClient sts = sts(keys(sandbox.primary()))) {
            return sts.assumeRoleWithWebIdentity(
                            b -> b.roleArn(roleArn).roleSessionName("pod").webIdentityToken(token))
                    .credentials();
        }
    }

    private static String roleTrustingAccountRoot(SandboxAccount account, String name) {
        try (IamClient iam = iam(keys(account))) {
            return iam.createRole(b -> b.roleName(name)
                            .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                                    + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                                    + sandbox.primary().accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
        }
    }

    private static Role role(String name, SandboxAccount account) {
        try (IamClient iam = iam(keys(account))) {
            return iam.getRole(b -> b.roleName(name)).role();
        }
    }

    private static Map<String, String> tags(String name, SandboxAccount account) {
        try (IamClient iam = iam(keys(account))) {
            return iam.listRoleTags(b -> b.roleName(name)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
        }
    }

    private static List<String> attached(String name, SandboxAccount account) {
        try (IamClient iam = iam(keys(account))) {
            return iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies().stream()
                    .map(AttachedPolicy::policyArn)
                    .toList();
        }
    }

    private static KubernetesClient kube() {
        return KubeClients.eks(
                endpoint,
                new EksTokenGenerator(
                        StaticCredentialsProvider.create(keys(sandbox.primary())),
                        sandbox.region(),
                        null,
                        Clock.systemUTC()));
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(name)
                .addNewContainer()
                .withName("main")
                .withImage("example/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static AwsCredentials keys(SandboxAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    private static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static IamClient iam(AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static Ec2Client ec2(AwsCredentials credentials) {
        return Ec2Client.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
