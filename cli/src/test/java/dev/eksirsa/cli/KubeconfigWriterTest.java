package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.cluster.ClusterResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigWriterTest {

    @Test
    void write_activeCluster_execEntryRunsEksIrsaTokenWithTheConnection(@TempDir Path dir) throws Exception {
        ClusterResult cluster = activeCluster();
        Path file = dir.resolve("kubeconfig");

        KubeconfigWriter.write(
                file,
                cluster,
                List.of("java", "-jar", "/opt/eks-irsa.jar"),
                List.of("--role-arn", "arn:aws:iam::111122223333:role/deployer"));

        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        assertThat(config.at("/current-context").asText()).isEqualTo(cluster.arn());
        assertThat(config.at("/clusters/0/cluster/server").asText()).isEqualTo(cluster.endpoint());
        assertThat(config.at("/clusters/0/cluster/certificate-authority-data").asText())
                .isEqualTo("Q0E=");
        JsonNode exec = config.at("/users/0/user/exec");
        assertThat(exec.get("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(exec.get("command").asText()).isEqualTo("java");
        assertThat(exec.get("args").toString())
                .isEqualTo(
                        "[\"-jar\",\"/opt/eks-irsa.jar\",\"token\",\"--cluster\","
                                + "\"demo\",\"--region\",\"us-east-1\",\"--role-arn\",\"arn:aws:iam::111122223333:role/deployer\"]");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void write_existingKubeconfig_keepsOtherEntriesAndReplacesOurs(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("config"),
                """
                apiVersion: v1
                kind: Config
                clusters:
                - name: other
                  cluster: {server: "https://other.example"}
                users:
                - name: other
                  user: {token: "other-token"}
                contexts:
                - name: other
                  context: {cluster: other, user: other}
                current-context: other
                preferences: {}
                """);
        ClusterResult cluster = activeCluster();

        KubeconfigWriter.write(file, cluster, List.of("eks-irsa"), List.of());
        KubeconfigWriter.write(file, cluster, List.of("eks-irsa"), List.of());

        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        assertThat(config.at("/current-context").asText()).isEqualTo(cluster.arn());
        assertThat(config.get("clusters")).hasSize(2);
        assertThat(config.get("users")).hasSize(2);
        assertThat(config.get("contexts")).hasSize(2);
        assertThat(config.at("/users/0/user/token").asText()).isEqualTo("other-token");
        assertThat(config.has("preferences")).isTrue();
    }

    @Test
    void checkWritable_directoryOrBrokenFile_isBadInputWithoutItsContent(@TempDir Path dir) throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubeconfigWriter.checkWritable(dir))
                .isInstanceOf(dev.eksirsa.engine.api.InvalidInputException.class)
                .hasMessageContaining("is a directory");
        Path broken = Files.writeString(dir.resolve("broken"), "users: [ {token: s3cr3t-token\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubeconfigWriter.checkWritable(broken))
                .hasMessageContaining("cannot merge")
                .hasMessageNotContaining("s3cr3t-token");
    }

    private static ClusterResult activeCluster() {
        return new ClusterResult(
                "demo",
                "arn:aws:eks:us-east-1:111122223333:cluster/demo",
                "111122223333",
                "us-east-1",
                "ACTIVE",
                "1.31",
                "https://ABC.gr7.us-east-1.eks.amazonaws.com",
                "Q0E=",
                null,
                null,
                false,
                false,
                List.of(),
                List.of(),
                List.of(),
                false);
    }
}
