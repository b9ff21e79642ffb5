package dev.eksirsa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealClientsTest {

    @Test
    void awsCliV2_isDebiansCliNotTheOneOnPath() {
        assertThat(RealClients.awsCliV2()).isEqualTo(Path.of("/usr/bin/aws"));
    }

    @Test
    void awsCli_environment_isolatesTheUsersConfigAndNeverPrintsKeys() {
        AwsCli aws = AwsCli.against(null, AwsKeys.of("AKIATESTKIT", "secret-testkit"), "eu-west-1");

        assertThat(aws.environment())
                .containsEntry("AWS_PAGER", "")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1")
                .doesNotContainKey("AWS_PROFILE");
        assertThat(Path.of(aws.environment().get("AWS_CONFIG_FILE"))).isEmptyFile();
        assertThat(Path.of(aws.environment().get("AWS_SHARED_CREDENTIALS_FILE")))
                .isEmptyFile();
        assertThat(aws.toString()).doesNotContain("secret-testkit");
    }

    @Test
    void awsCli_configureList_seesOnlyTheGivenKeysAndRegion() {
        AwsCli aws = AwsCli.against(null, AwsKeys.of("AKIATESTKIT0001", "secret-testkit"), "eu-west-1");

        CliResult result = aws.run(List.of("configure", "list")).assertOk();

        assertThat(result.stdout()).contains("env").contains("eu-west-1").doesNotContain("secret-testkit");
    }

    @Test
    void kubectl_configView_readsTheGivenKubeconfigOnly(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                clusters:
                - name: demo
                  cluster:
                    server: https://127.0.0.1:6443
                contexts:
                - name: demo
                  context:
                    cluster: demo
                    user: demo
                current-context: demo
                users:
                - name: demo
                  user:
                    token: not-a-real-token
                """);

        CliResult result = Kubectl.with(kubeconfig)
                .withTimeout(Duration.ofSeconds(60))
                .run("config", "view", "--raw", "-o", "json")
                .assertOk();

        assertThat(result.json().at("/clusters/0/cluster/server").asText()).isEqualTo("https://127.0.0.1:6443");
        assertThat(result.toString()).doesNotContain("not-a-real-token");
    }
}
