package dev.eksirsa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliResultTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl";

    @Test
    void toString_credentialsInJsonOutput_areMasked() {
        String stdout = "{\"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLE\", \"SecretAccessKey\": \"s3cr3t/Key+\","
                + " \"SessionToken\": \"FwoGZXIvYXdzEBY\"}}";
        CliResult result = new CliResult(List.of("aws", "sts", "assume-role"), 0, stdout, "", false);

        assertThat(result.toString())
                .contains("ASIAEXAMPLE")
                .doesNotContain("s3cr3t/Key+")
                .doesNotContain("FwoGZXIvYXdzEBY");
        assertThat(result.json().at("/Credentials/SecretAccessKey").asText()).isEqualTo("s3cr3t/Key+");
    }

    @Test
    void toString_tokensInArgumentsYamlAndJwts_areMasked() {
        CliResult result = new CliResult(
                List.of("aws", "sts", "assume-role-with-web-identity", "--web-identity-token", "opaque-token"),
                1,
                "users:\n- name: x\n  user:\n    token: k8s-aws-v1.abc\n",
                "invalid token " + JWT,
                false);

        assertThat(result.toString())
                .doesNotContain("opaque-token")
                .doesNotContain("k8s-aws-v1.abc")
                .doesNotContain(JWT)
                .contains("exit 1");
    }

    @Test
    void assertOk_failedCommand_throwsWithCommandAndStderr() {
        CliResult result = new CliResult(List.of("aws", "iam", "get-role"), 254, "", "NoSuchEntity", false);

        assertThat(result.ok()).isFalse();
        assertThatThrownBy(result::assertOk)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("aws iam get-role -> exit 254")
                .hasMessageContaining("NoSuchEntity");
    }

    @Test
    void json_notJson_throwsAssertionNamingTheCommand() {
        CliResult result = new CliResult(List.of("kubectl", "version"), 0, "Client Version: v1", "", false);

        assertThatThrownBy(result::json).isInstanceOf(AssertionError.class).hasMessageContaining("kubectl version");
    }

    @Test
    void awsKeysToString_showsTheKeyIdOnly() {
        AwsKeys keys = new AwsKeys("AKIAEXAMPLE", "secret-value", "session-value");

        assertThat(keys.toString()).contains("AKIAEXAMPLE").doesNotContain("secret-value", "session-value");
    }
}
