package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.kube.EksTokenAuthenticator;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@RunsAgainst(Backend.SANDBOX_SDK)
class EksTokenGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void generate_presignedGetCallerIdentity_hasTheAuthenticatorsShape() {
        EksTokenGenerator generator = new EksTokenGenerator(
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret-key-value")),
                "eu-west-1",
                null,
                Clock.fixed(NOW, ZoneOffset.UTC));

        EksToken token = generator.generate("demo");

        assertThat(token.value()).startsWith("k8s-aws-v1.").doesNotContain("=", "+", "/");
        String url = new String(Base64.getUrlDecoder().decode(token.value().substring(11)), StandardCharsets.UTF_8);
        assertThat(url)
                .startsWith("https://sts.eu-west-1.amazonaws.com/?")
                .contains(
                        "Action=GetCallerIdentity",
                        "Version=2011-06-15",
                        "X-Amz-Expires=60",
                        "X-Amz-Date=20260102T030405Z",
                        "X-Amz-Signature=")
                .containsPattern("X-Amz-SignedHeaders=[^&]*x-k8s-aws-id")
                .doesNotContain("secret-key-value");
        assertThat(token.refreshAt()).isEqualTo(NOW.plus(Duration.ofMinutes(14)));
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void generate_forSandboxUser_isAcceptedByTheSandboxAuthenticatorForThatClusterOnly() {
        CredentialStore store = new CredentialStore(Clock.systemUTC());
        IssuedCredentials key = store.issueUserKey(
                Caller.user("111122223333", "arn:aws:iam::111122223333:user/ci", "AIDAEXAMPLE0000000001"));
        EksTokenGenerator generator = new EksTokenGenerator(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())),
                "us-east-1",
                null,
                Clock.systemUTC());
        EksTokenAuthenticator authenticator = new EksTokenAuthenticator(store, Clock.systemUTC());

        String bearer = "Bearer " + generator.generate("demo").value();

        assertThat(authenticator.authenticate(bearer, "demo")).isPresent();
        assertThat(authenticator.authenticate(bearer, "other")).isEmpty();
    }
}
