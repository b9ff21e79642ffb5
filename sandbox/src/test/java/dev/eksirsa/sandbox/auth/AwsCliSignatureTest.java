package dev.eksirsa.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.auth.AuthResult.Rejected;
import dev.eksirsa.sandbox.auth.AuthResult.Verified;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests signed by the real AWS CLI v2 (botocore), captured on the wire, then verified. */
class AwsCliSignatureTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final String KEY = "AKIDAWSCLIEXAMPLE";
    private static final String SECRET = "cli/secret+example=";
    private static final String SESSION_KEY = "ASIAAWSCLISESSION";
    private static final String TOKEN = "FQoGZXIvYXdzE/cli+session=token";
    private static final SecretLookup SECRETS =
            id -> Optional.ofNullable(Map.of(KEY, SECRET, SESSION_KEY, SECRET).get(id));
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(SECRETS, Clock.systemUTC());

    @BeforeAll
    static void requireCli() {
        boolean present = Files.isExecutable(AWS);
        if (!present) {
            System.err.println("AwsCliSignatureTest skipped: " + AWS + " (AWS CLI v2) is not installed");
        }
        assumeTrue(present, AWS + " (AWS CLI v2) is not installed; skipping real-CLI signature checks");
    }

    private static String run(String accessKey, String sessionToken, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        if (sessionToken != null) {
            env.put("AWS_SESSION_TOKEN", sessionToken);
        }
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " timed out");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    @Test
    void awsCli_stsGetCallerIdentity_verified() throws Exception {
        try (CaptureServer server = new CaptureServer(
                "text/xml",
                """
                <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/u</Arn>\
                <UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult>\
                <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>""")) {
            String output = run(
                    KEY,
                    null,
                    "sts",
                    "get-caller-identity",
                    "--endpoint-url",
                    server.endpoint().toString(),
                    "--debug");
            IncomingRequest captured = server.single();

            AuthResult result = VERIFIER.verify(captured);

            assertThat(result).as("CLI output:%n%s", tail(output)).isInstanceOf(Verified.class);
            assertThat(((Verified) result).scope())
                    .isEqualTo(new SigningScope(KEY, ((Verified) result).scope().date(), "us-east-1", "sts"));
            assertThat(captured.header("Authorization").orElseThrow()).doesNotContain("x-amz-content-sha256");
        }
    }

    @Test
    void awsCli_sessionCredentials_verifiedWithTokenAndTamperRejected() throws Exception {
        try (CaptureServer server = new CaptureServer("text/xml", "<GetCallerIdentityResponse/>")) {
            run(
                    SESSION_KEY,
                    TOKEN,
                    "sts",
                    "get-caller-identity",
                    "--endpoint-url",
                    server.endpoint().toString());
            IncomingRequest captured = server.single();

            AuthResult result = VERIFIER.verify(captured);

            assertThat(result).isInstanceOf(Verified.class);
            assertThat(((Verified) result).sessionToken()).isEqualTo(TOKEN);
            IncomingRequest tampered = new IncomingRequest(
                    captured.method(),
                    captured.rawPath(),
                    captured.rawQuery(),
                    captured.headers(),
                    "Action=GetCallerIdentity&Version=2011-06-16".getBytes(StandardCharsets.UTF_8));
            assertThat(VERIFIER.verify(tampered))
                    .extracting(r -> ((Rejected) r).code())
                    .isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void awsCli_eksDescribeClusterWithSpace_verified() throws Exception {
        try (CaptureServer server = new CaptureServer("application/json", "{\"cluster\":{\"name\":\"my cluster\"}}")) {
            String output = run(
                    KEY,
                    null,
                    "eks",
                    "describe-cluster",
                    "--name",
                    "my cluster",
                    "--endpoint-url",
                    server.endpoint().toString());
            IncomingRequest captured = server.single();

            assertThat(captured.rawPath()).isEqualTo("/clusters/my%20cluster");
            assertThat(VERIFIER.verify(captured))
                    .as("CLI output:%n%s", tail(output))
                    .isInstanceOf(Verified.class);
        }
    }

    @Test
    void awsCli_eksGetToken_presignedTokenVerified() throws Exception {
        String output = run(SESSION_KEY, TOKEN, "eks", "get-token", "--cluster-name", "my-cluster");
        JsonNode credential = new ObjectMapper().readTree(output);
        String token = credential.path("status").path("token").asText();
        assertThat(token).startsWith("k8s-aws-v1.");

        URI url = URI.create(new String(
                Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8));
        IncomingRequest request = new IncomingRequest(
                "GET",
                url.getRawPath().isEmpty() ? "/" : url.getRawPath(),
                url.getRawQuery(),
                Map.of("host", List.of(url.getAuthority()), "x-k8s-aws-id", List.of("my-cluster")),
                new byte[0]);
        Instant signedAt = AuthParser.parseAmzDate(
                        RawQuery.parse(url.getRawQuery()).first("X-Amz-Date").orElseThrow())
                .orElseThrow();

        AuthResult result = VERIFIER.verify(request);

        assertThat(result).isInstanceOf(Verified.class);
        assertThat(((Verified) result).sessionToken()).isEqualTo(TOKEN);
        assertThat(((Verified) result).scope().service()).isEqualTo("sts");
        SigV4Verifier later = new SigV4Verifier(SECRETS, Clock.fixed(signedAt.plusSeconds(600), ZoneOffset.UTC));
        assertThat(later.verify(request)).isEqualTo(new Rejected("AccessDenied", "Request has expired", 403));
        assertThat(later.withPresignedValidity("sts", java.time.Duration.ofMinutes(15))
                        .verify(request))
                .isInstanceOf(Verified.class);
        IncomingRequest otherCluster = new IncomingRequest(
                "GET",
                request.rawPath(),
                request.rawQuery(),
                Map.of("host", List.of(url.getAuthority()), "x-k8s-aws-id", List.of("other")),
                new byte[0]);
        assertThat(VERIFIER.verify(otherCluster))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
