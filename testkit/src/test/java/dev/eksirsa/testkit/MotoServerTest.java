package dev.eksirsa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RunsAgainst({Backend.MOTO, Backend.AWS_CLI})
class MotoServerTest {

    @Test
    void shared_getCallerIdentityThroughAwsCli_answersWithMotosAccount() {
        AwsCli aws = MotoServer.shared().awsCli("us-east-1");

        CliResult result = aws.run("sts", "get-caller-identity").assertOk();

        assertThat(result.json().path("Account").asText()).isEqualTo(MotoServer.ACCOUNT_ID);
        assertThat(result.json().path("Arn").asText()).startsWith("arn:aws:");
    }

    @Test
    void reset_afterCreatingARole_leavesNoRoles(@TempDir Path dir) throws Exception {
        MotoServer moto = MotoServer.shared();
        AwsCli aws = moto.awsCli("us-east-1");
        Path trust = dir.resolve("trust.json");
        Files.writeString(
                trust,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
        aws.run(
                        "iam",
                        "create-role",
                        "--role-name",
                        "testkit-reset",
                        "--assume-role-policy-document",
                        "file://" + trust)
                .assertOk();

        moto.reset();

        CliResult roles = aws.run("iam", "list-roles").assertOk();
        assertThat(roles.json().path("Roles")).isEmpty();
    }

    @Test
    void getRole_missingRole_exitsNonZeroWithNoSuchEntity() {
        CliResult result = MotoServer.shared().awsCli("us-east-1").run("iam", "get-role", "--role-name", "absent");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("NoSuchEntity");
    }

    @Test
    void close_privateServer_stopsListening() throws Exception {
        MotoServer moto = MotoServer.start();
        int port = moto.endpoint().getPort();
        moto.awsCli("eu-west-1").run("sts", "get-caller-identity").assertOk();

        moto.close();

        assertThat(canConnect(port)).isFalse();
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
