package dev.eksirsa.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwsConnectionTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

    @Test
    void toString_staticKeys_redactsSecretAndToken() {
        AwsConnection connection =
                AwsConnection.of(CredentialsSource.staticKeys("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN), "us-east-1");

        assertThat(connection.toString()).contains("AKIAIOSFODNN7EXAMPLE").doesNotContain(SECRET, TOKEN);
    }

    @Test
    void defaultSessionName_withBuildTag_isPrefixedAndSanitised() {
        assertThat(AssumeRole.defaultSessionName(Map.of("BUILD_TAG", "jenkins-folder/job-42")))
                .isEqualTo("eks-irsa-jenkins-folder-job-42");
        assertThat(AssumeRole.defaultSessionName(Map.of("BUILD_TAG", "x".repeat(100))))
                .hasSize(64);
        assertThat(AssumeRole.defaultSessionName(Map.of())).isEqualTo("eks-irsa");
    }

    @Test
    void assumeRole_badInputs_nameTheField() {
        assertThatThrownBy(() -> new AssumeRole("arn:aws:iam::1:role/x", null, null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("roleArn"));
        assertThatThrownBy(() -> new AssumeRole("arn:aws:iam::111122223333:role/x", null, "s", null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sessionName"));
        assertThatThrownBy(() -> new AssumeRole("arn:aws:iam::111122223333:role/x", null, null, Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("duration"));
    }

    @Test
    void constructor_badRegionOrEndpoint_isRejected() {
        assertThatThrownBy(() -> AwsConnection.of(CredentialsSource.defaultChain(), "mars-1"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("region"));
        assertThatThrownBy(() -> AwsConnection.of(CredentialsSource.defaultChain(), "us-east-1")
                        .withEndpoint(URI.create("ftp://x")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("endpointUrl"));
    }

    @Test
    void proxyFromEnvironment_httpsProxyAndNoProxy_areParsedWithoutShowingThePassword() {
        ProxySettings proxy = ProxySettings.fromEnvironment(Map.of(
                "HTTPS_PROXY", "http://user:pa55@proxy.corp:3128", "NO_PROXY", "localhost, .internal,127.0.0.1"));

        assertThat(proxy.address()).isEqualTo(URI.create("http://proxy.corp:3128"));
        assertThat(proxy.username()).isEqualTo("user");
        assertThat(proxy.nonProxyHosts()).isEqualTo(Set.of("localhost", "*.internal", "127.0.0.1"));
        assertThat(proxy.toString()).doesNotContain("pa55");
        assertThat(ProxySettings.fromEnvironment(Map.of())).isNull();
    }

    @Test
    void open_clients_areConfiguredAndClosed() {
        AwsConnection connection = AwsConnection.of(
                        CredentialsSource.staticKeys("AKIAIOSFODNN7EXAMPLE", SECRET, null), "cn-north-1")
                .withEndpoint(URI.create("http://127.0.0.1:1"))
                .withRetryStyle(RetryStyle.ADAPTIVE)
                .withAssumeRole(AssumeRole.of("arn:aws-cn:iam::111122223333:role/deployer"));
        try (AwsClients clients = connection.open()) {
            assertThat(clients.region()).isEqualTo("cn-north-1");
            assertThat(clients.partition()).isEqualTo("aws-cn");
            assertThat(clients.iam().serviceClientConfiguration().region().id()).isEqualTo("aws-cn-global");
            assertThat(clients.eks().serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:1"));
            assertThat(clients.ec2()).isNotNull();
            assertThat(clients.sts()).isNotNull();
        }
    }
}
