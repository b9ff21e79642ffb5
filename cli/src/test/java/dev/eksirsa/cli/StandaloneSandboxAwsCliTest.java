package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.testkit.AwsCli;
import dev.eksirsa.testkit.AwsKeys;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.CliResult;
import dev.eksirsa.testkit.Kubectl;
import dev.eksirsa.testkit.RunsAgainst;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real AWS CLI v2 against the standalone sandbox, as a user would drive it. */
@RunsAgainst(Backend.AWS_CLI)
class StandaloneSandboxAwsCliTest {
    @TempDir
    static Path dir;

    private static StandaloneSandbox sandbox;
    private static SandboxAccount primary;
    private static SandboxAccount secondary;

    @BeforeAll
    static void start() throws Exception {
        sandbox = StandaloneSandbox.start(dir, "--cluster-activation-delay", "3s");
        primary = sandbox.info().accounts().get(0);
        secondary = sandbox.info().accounts().get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
        // SIGTERM (what close sends) takes the file with the keys along
        assertThat(sandbox.infoFile()).doesNotExist();
    }

    @Test
    void infoFile_isPrivateAndTheKeysAreNeverPrinted() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.infoFile())))
                .isEqualTo("rw-------");
        assertThat(sandbox.info().awsEndpoint()).startsWith("http://127.0.0.1:");
        assertThat(sandbox.info().accounts()).hasSizeGreaterThanOrEqualTo(2);
        String printed = sandbox.output();
        for (SandboxAccount account : sandbox.info().accounts()) {
            assertThat(printed).doesNotContain(account.secretAccessKey());
        }
    }

    @Test
    @RunsAgainst({Backend.AWS_CLI, Backend.KUBECTL})
    void eksCreateClusterAndWait_thenOidcProviderWithOpensslThumbprint() throws Exception {
        AwsCli aws = sandbox.cli(primary);
        String roleArn = aws.run(
                        "iam",
                        "create-role",
                        "--role-name",
                        "cli-cluster-role",
                        "--assume-role-policy-document",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"eks.amazonaws.com\"},"
                                + "\"Action\":\"sts:AssumeRole\"}]}")
                .assertOk()
                .json()
                .at("/Role/Arn")
                .asText();
        List<String> subnets = aws.run("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true")
                .assertOk()
                .json()
                .path("Subnets")
                .findValuesAsText("SubnetId");
        JsonNode created = aws.run(
                        "eks",
                        "create-cluster",
                        "--name",
                        "cli",
                        "--role-arn",
                        roleArn,
                        "--resources-vpc-config",
                        "subnetIds=" + subnets.get(0) + "," + subnets.get(1))
                .assertOk()
                .json();
        assertThat(created.at("/cluster/status").asText()).isEqualTo("CREATING");

        CliResult waited =
                aws.withTimeout(java.time.Duration.ofMinutes(3)).run("eks", "wait", "cluster-active", "--name", "cli");
        waited.assertOk();
        JsonNode cluster = aws.run("eks", "describe-cluster", "--name", "cli")
                .assertOk()
                .json()
                .path("cluster");
        assertThat(cluster.path("status").asText()).isEqualTo("ACTIVE");
        String issuer = cluster.at("/identity/oidc/issuer").asText();
        assertThat(issuer).startsWith("https://");

        String thumbprint = opensslThumbprint(URI.create(issuer));
        String providerArn = aws.run(
                        "iam",
                        "create-open-id-connect-provider",
                        "--url",
                        issuer,
                        "--client-id-list",
                        "sts.amazonaws.com",
                        "--thumbprint-list",
                        thumbprint)
                .assertOk()
                .json()
                .path("OpenIDConnectProviderArn")
                .asText();
        JsonNode provider = aws.run(
                        "iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", providerArn)
                .assertOk()
                .json();
        assertThat(provider.path("Url").asText()).isEqualTo(issuer.substring("https://".length()));
        assertThat(provider.path("ThumbprintList").get(0).asText()).isEqualTo(thumbprint);
        assertThat(provider.path("ClientIDList").get(0).asText()).isEqualTo("sts.amazonaws.com");

        // the standalone sandbox serves the cluster's Kubernetes API: update-kubeconfig's file works as is
        Path kubeconfig = dir.resolve("kubeconfig");
        aws.run("eks", "update-kubeconfig", "--name", "cli", "--kubeconfig", kubeconfig.toString())
                .assertOk();
        CliResult namespaces =
                Kubectl.with(kubeconfig).withEnv(aws.environment()).run("get", "namespaces", "-o", "name");
        assertThat(namespaces.ok()).as(namespaces.toString()).isTrue();
        assertThat(namespaces.stdout()).contains("namespace/default");
    }

    /** The thumbprint as AWS's documentation computes it: SHA-1 of the last certificate the issuer presents. */
    private static String opensslThumbprint(URI issuer) throws Exception {
        int port = issuer.getPort() < 0 ? 443 : issuer.getPort();
        String script =
                "openssl s_client -showcerts -connect " + issuer.getHost() + ":" + port + " </dev/null 2>/dev/null"
                        + " | awk '/BEGIN CERTIFICATE/{c=\"\"} {c=c $0 \"\\n\"} /END CERTIFICATE/{last=c} END{printf \"%s\", last}'"
                        + " | openssl x509 -noout -fingerprint -sha1";
        Process p = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out.substring(out.indexOf('=') + 1).replace(":", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void crossAccountAssumeRoleChain_isAllowedOnlyWhenBothSidesAllow() {
        AwsCli first = sandbox.cli(primary);
        AwsCli second = sandbox.cli(secondary);
        String primaryRoot = "arn:aws:iam::" + primary.accountId() + ":root";
        String allowedCaller = createRole(first, "chain-caller", trust(primaryRoot));
        String unpermittedCaller = createRole(first, "chain-unpermitted", trust(primaryRoot));
        String target = createRole(second, "chain-target", trust(allowedCaller, unpermittedCaller));
        String untrusting = createRole(second, "chain-untrusting", trust(unpermittedCaller));
        first.run(
                        "iam",
                        "put-role-policy",
                        "--role-name",
                        "chain-caller",
                        "--policy-name",
                        "assume",
                        "--policy-document",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}")
                .assertOk();

        AwsCli asCaller = first.withKeys(assume(first, allowedCaller));
        CliResult both = asCaller.run("sts", "assume-role", "--role-arn", target, "--role-session-name", "hop");
        assertThat(both.ok()).as(both.toString()).isTrue();
        assertThat(both.json().at("/AssumedRoleUser/Arn").asText())
                .isEqualTo("arn:aws:sts::" + secondary.accountId() + ":assumed-role/chain-target/hop");

        CliResult trustOnly = first.withKeys(assume(first, unpermittedCaller))
                .run("sts", "assume-role", "--role-arn", target, "--role-session-name", "hop");
        assertThat(trustOnly.exitCode()).isNotZero();
        assertThat(trustOnly.stderr()).contains("AccessDenied");

        CliResult identityOnly =
                asCaller.run("sts", "assume-role", "--role-arn", untrusting, "--role-session-name", "hop");
        assertThat(identityOnly.exitCode()).isNotZero();
        assertThat(identityOnly.stderr()).contains("AccessDenied");
    }

    private static String createRole(AwsCli aws, String name, String trust) {
        return aws.run("iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust)
                .assertOk()
                .json()
                .at("/Role/Arn")
                .asText();
    }

    private static String trust(String... principals) {
        StringBuilder list = new StringBuilder();
        for (String p : principals) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(p).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[" + list
                + "]},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static AwsKeys assume(AwsCli aws, String roleArn) {
        JsonNode credentials = aws.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "cli")
                .assertOk()
                .json()
                .path("Credentials");
        return new AwsKeys(
                credentials.path("AccessKeyId").asText(),
                credentials.path("SecretAccessKey").asText(),
                credentials.path("SessionToken").asText());
    }
}
