package dev.eksirsa.sandbox.auth;

import static dev.eksirsa.sandbox.auth.SdkSigning.ACCESS_KEY;
import static dev.eksirsa.sandbox.auth.SdkSigning.SECRETS;
import static dev.eksirsa.sandbox.auth.SdkSigning.SESSION_KEY;
import static dev.eksirsa.sandbox.auth.SdkSigning.SESSION_TOKEN;
import static dev.eksirsa.sandbox.auth.SdkSigning.basic;
import static dev.eksirsa.sandbox.auth.SdkSigning.incoming;
import static dev.eksirsa.sandbox.auth.SdkSigning.presign;
import static dev.eksirsa.sandbox.auth.SdkSigning.request;
import static dev.eksirsa.sandbox.auth.SdkSigning.session;
import static dev.eksirsa.sandbox.auth.SdkSigning.signHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.auth.AuthResult.Rejected;
import dev.eksirsa.sandbox.auth.AuthResult.Unsigned;
import dev.eksirsa.sandbox.auth.AuthResult.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String CREATE_ROLE = "Action=CreateRole&Version=2010-05-08&RoleName=app&"
            + "AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D";

    private final SigV4Verifier verifier = verifierAt(NOW);

    private static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(SECRETS, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static IncomingRequest iamPost(String body) {
        return signHeaders(
                request(SdkHttpMethod.POST, "https://iam.amazonaws.com/").putHeader("Content-Type", FORM),
                body,
                basic(),
                "iam",
                NOW);
    }

    private static IncomingRequest with(IncomingRequest r, String header, String value) {
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.remove(header);
        headers.put(header, List.of(value));
        return new IncomingRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    @Test
    void verify_iamPostFormBody_verifiedWithScope() {
        AuthResult result = verifier.verify(iamPost(CREATE_ROLE));

        assertThat(result).isInstanceOf(Verified.class);
        Verified verified = (Verified) result;
        assertThat(verified.scope()).isEqualTo(new SigningScope(ACCESS_KEY, "20260304", "us-east-1", "iam"));
        assertThat(verified.sessionToken()).isNull();
        assertThat(verified.signedAt()).isEqualTo(NOW);
    }

    @Test
    void verify_sdkSignedRequest_signsContentSha256AndSdkHeaders() {
        String authorization = iamPost(CREATE_ROLE).header("authorization").orElseThrow();

        assertThat(authorization)
                .contains("SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;"
                        + "x-amz-content-sha256;x-amz-date,");
    }

    @Test
    void verify_sessionCredentials_verifiedWithSessionToken() {
        IncomingRequest request = signHeaders(
                request(SdkHttpMethod.POST, "https://sts.us-east-1.amazonaws.com/")
                        .putHeader("Content-Type", FORM),
                "Action=GetCallerIdentity&Version=2011-06-15",
                session(),
                "sts",
                NOW);

        AuthResult result = verifier.verify(request);

        assertThat(result).isInstanceOf(Verified.class);
        assertThat(((Verified) result).sessionToken()).isEqualTo(SESSION_TOKEN);
        assertThat(((Verified) result).scope().accessKeyId()).isEqualTo(SESSION_KEY);
        assertThat(result.toString()).doesNotContain(SESSION_TOKEN);
    }

    @Test
    void verify_sessionTokenSwapped_signatureDoesNotMatch() {
        IncomingRequest request = signHeaders(
                request(SdkHttpMethod.POST, "https://sts.amazonaws.com/").putHeader("Content-Type", FORM),
                "Action=GetCallerIdentity&Version=2011-06-15",
                session(),
                "sts",
                NOW);

        assertThat(verifier.verify(with(request, "X-Amz-Security-Token", "another-token")))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_getWithQuery_verified() {
        IncomingRequest request = signHeaders(
                request(SdkHttpMethod.GET, "https://ec2.us-east-1.amazonaws.com/")
                        .appendRawQueryParameter("Action", "DescribeVpcs")
                        .appendRawQueryParameter("Version", "2016-11-15")
                        .appendRawQueryParameter("Filter.1.Name", "tag:Name")
                        .appendRawQueryParameter("Filter.1.Value.1", "a b/c+d~e*"),
                null,
                basic(),
                "ec2",
                NOW);

        assertThat(request.rawQuery()).contains("a%20b%2Fc%2Bd~e%2A");
        assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    }

    @Test
    void verify_restPathWithEncodedCharacters_verified() {
        IncomingRequest request = signHeaders(
                request(SdkHttpMethod.GET, "https://eks.us-east-1.amazonaws.com/clusters/my%20cluster%2Fx")
                        .appendRawQueryParameter("maxResults", "10"),
                null,
                basic(),
                "eks",
                NOW);

        assertThat(request.rawPath()).isEqualTo("/clusters/my%20cluster%2Fx");
        assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    }

    @Test
    void verify_restPostWithJsonBody_verified() {
        IncomingRequest request = signHeaders(
                request(SdkHttpMethod.POST, "https://eks.us-east-1.amazonaws.com/clusters/prod/access-entries")
                        .putHeader("Content-Type", "application/json"),
                "{\"principalArn\":\"arn:aws:iam::111122223333:role/ci\"}",
                session(),
                "eks",
                NOW);

        assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    }

    @Test
    void verify_tamperedBody_signatureDoesNotMatch() {
        IncomingRequest signed = iamPost(CREATE_ROLE);
        IncomingRequest tampered = new IncomingRequest(
                signed.method(),
                signed.rawPath(),
                signed.rawQuery(),
                signed.headers(),
                CREATE_ROLE.replace("RoleName=app", "RoleName=adm").getBytes(StandardCharsets.UTF_8));

        AuthResult result = verifier.verify(tampered);

        assertThat(result)
                .isEqualTo(new Rejected(
                        "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided. Check your"
                                + " AWS Secret Access Key and signing method. Consult the service documentation for"
                                + " details.",
                        403));
    }

    @Test
    void verify_tamperedSignedHeader_signatureDoesNotMatch() {
        IncomingRequest tampered = with(iamPost(CREATE_ROLE), "Content-Type", "application/json");

        assertThat(verifier.verify(tampered))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_tamperedHost_signatureDoesNotMatch() {
        IncomingRequest tampered = with(iamPost(CREATE_ROLE), "Host", "iam.amazonaws.com:8443");

        assertThat(verifier.verify(tampered))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_unsignedHeaderChanged_stillVerified() {
        IncomingRequest changed = with(iamPost(CREATE_ROLE), "User-Agent", "something-else");

        assertThat(verifier.verify(changed)).isInstanceOf(Verified.class);
    }

    @Test
    void verify_tamperedQuery_signatureDoesNotMatch() {
        IncomingRequest signed = signHeaders(
                request(SdkHttpMethod.GET, "https://iam.amazonaws.com/")
                        .appendRawQueryParameter("Action", "GetRole")
                        .appendRawQueryParameter("RoleName", "app"),
                null,
                basic(),
                "iam",
                NOW);
        IncomingRequest tampered = new IncomingRequest(
                signed.method(),
                signed.rawPath(),
                signed.rawQuery().replace("RoleName=app", "RoleName=admin"),
                signed.headers(),
                signed.body());

        assertThat(verifier.verify(tampered))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_tamperedPath_signatureDoesNotMatch() {
        IncomingRequest signed = signHeaders(
                request(SdkHttpMethod.GET, "https://eks.us-east-1.amazonaws.com/clusters/dev"),
                null,
                basic(),
                "eks",
                NOW);
        IncomingRequest tampered = new IncomingRequest(
                signed.method(), "/clusters/prod", signed.rawQuery(), signed.headers(), signed.body());

        assertThat(verifier.verify(tampered))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_wrongSecret_signatureDoesNotMatch() {
        SigV4Verifier otherSecret =
                new SigV4Verifier(id -> Optional.of("a-different-secret"), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(otherSecret.verify(iamPost(CREATE_ROLE)))
                .extracting(r -> ((Rejected) r).code(), r -> ((Rejected) r).status())
                .containsExactly("SignatureDoesNotMatch", 403);
    }

    @Test
    void verify_unknownAccessKey_invalidClientTokenId() {
        SigV4Verifier noKeys = new SigV4Verifier(id -> Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(noKeys.verify(iamPost(CREATE_ROLE)))
                .isEqualTo(new Rejected(
                        "InvalidClientTokenId", "The security token included in the request is invalid.", 403));
    }

    @Test
    void verify_clockSixMinutesAhead_signatureExpired() {
        AuthResult result = verifierAt(NOW.plus(Duration.ofMinutes(6))).verify(iamPost(CREATE_ROLE));

        assertThat(result).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) result;
        assertThat(rejected.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.message())
                .isEqualTo("Signature expired: 20260304T050607Z is now earlier than 20260304T050707Z"
                        + " (20260304T051207Z - 5 min.)");
    }

    @Test
    void verify_clockSixMinutesBehind_signatureNotYetCurrent() {
        AuthResult result = verifierAt(NOW.minus(Duration.ofMinutes(6))).verify(iamPost(CREATE_ROLE));

        assertThat(((Rejected) result).message()).startsWith("Signature not yet current: 20260304T050607Z");
    }

    @Test
    void verify_clockFourMinutesOff_verified() {
        assertThat(verifierAt(NOW.plus(Duration.ofMinutes(4))).verify(iamPost(CREATE_ROLE)))
                .isInstanceOf(Verified.class);
        assertThat(verifierAt(NOW.minus(Duration.ofMinutes(4))).verify(iamPost(CREATE_ROLE)))
                .isInstanceOf(Verified.class);
    }

    @Test
    void verify_widerSkewConfigured_verified() {
        SigV4Verifier lenient = verifierAt(NOW.plus(Duration.ofMinutes(14))).withMaxClockSkew(Duration.ofMinutes(15));

        assertThat(lenient.verify(iamPost(CREATE_ROLE))).isInstanceOf(Verified.class);
    }

    // --- presigned URLs (the EKS bearer token) ---

    private static SdkHttpRequest eksToken(Instant at) {
        return presign(
                request(SdkHttpMethod.GET, "https://sts.us-east-1.amazonaws.com/")
                        .appendRawQueryParameter("Action", "GetCallerIdentity")
                        .appendRawQueryParameter("Version", "2011-06-15")
                        .putHeader("x-k8s-aws-id", "my-cluster"),
                session(),
                "sts",
                at,
                Duration.ofSeconds(60));
    }

    /** What a token authenticator has after decoding the token: the URL plus the headers it must add. */
    private static IncomingRequest fromUrl(SdkHttpRequest presigned, String clusterName) {
        java.net.URI url = presigned.getUri();
        return new IncomingRequest(
                "GET",
                url.getRawPath(),
                url.getRawQuery(),
                Map.of("host", List.of(url.getAuthority()), "x-k8s-aws-id", List.of(clusterName)),
                new byte[0]);
    }

    @Test
    void verify_presignedEksToken_verified() {
        SdkHttpRequest presigned = eksToken(NOW);

        AuthResult result = verifier.verify(fromUrl(presigned, "my-cluster"));

        assertThat(presigned.firstMatchingRawQueryParameter("X-Amz-SignedHeaders"))
                .contains("host;x-k8s-aws-id");
        assertThat(result).isInstanceOf(Verified.class);
        Verified verified = (Verified) result;
        assertThat(verified.scope()).isEqualTo(new SigningScope(SESSION_KEY, "20260304", "us-east-1", "sts"));
        assertThat(verified.sessionToken()).isEqualTo(SESSION_TOKEN);
    }

    @Test
    void verify_presignedForOtherCluster_signatureDoesNotMatch() {
        assertThat(verifier.verify(fromUrl(eksToken(NOW), "other-cluster")))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_presignedWithTamperedQuery_signatureDoesNotMatch() {
        IncomingRequest good = fromUrl(eksToken(NOW), "my-cluster");
        IncomingRequest tampered = new IncomingRequest(
                "GET",
                good.rawPath(),
                good.rawQuery().replace("GetCallerIdentity", "GetSessionToken"),
                good.headers(),
                good.body());

        assertThat(verifier.verify(tampered))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verify_presignedPastExpires_requestHasExpired() {
        AuthResult result = verifierAt(NOW.plusSeconds(61)).verify(fromUrl(eksToken(NOW), "my-cluster"));

        assertThat(result).isEqualTo(new Rejected("AccessDenied", "Request has expired", 403));
    }

    @Test
    void verify_presignedWithinExpires_verified() {
        assertThat(verifierAt(NOW.plusSeconds(59)).verify(fromUrl(eksToken(NOW), "my-cluster")))
                .isInstanceOf(Verified.class);
    }

    @Test
    void verify_stsPresignValidityOverride_acceptsFifteenMinutes() {
        SigV4Verifier sts =
                verifierAt(NOW.plus(Duration.ofMinutes(14))).withPresignedValidity("sts", Duration.ofMinutes(15));

        assertThat(sts.verify(fromUrl(eksToken(NOW), "my-cluster"))).isInstanceOf(Verified.class);
        assertThat(verifierAt(NOW.plus(Duration.ofMinutes(16)))
                        .withPresignedValidity("sts", Duration.ofMinutes(15))
                        .verify(fromUrl(eksToken(NOW), "my-cluster")))
                .isEqualTo(new Rejected("AccessDenied", "Request has expired", 403));
    }

    @Test
    void verify_presignedDatedInTheFuture_rejected() {
        assertThat(verifierAt(NOW.minus(Duration.ofMinutes(10))).verify(fromUrl(eksToken(NOW), "my-cluster")))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("AccessDenied");
    }

    @Test
    void verify_presignedWithSignedHostAsSigned_verifiedOnAnyPort() {
        SdkHttpRequest presigned = presign(
                request(SdkHttpMethod.GET, "http://127.0.0.1:8443/")
                        .appendRawQueryParameter("Action", "GetCallerIdentity")
                        .appendRawQueryParameter("Version", "2011-06-15")
                        .putHeader("x-k8s-aws-id", "c"),
                basic(),
                "sts",
                NOW,
                Duration.ofSeconds(60));

        assertThat(verifier.verify(fromUrl(presigned, "c"))).isInstanceOf(Verified.class);
    }

    // --- malformed and missing authentication ---

    @Test
    void verify_noAuthentication_unsigned() {
        IncomingRequest request = new IncomingRequest(
                "POST",
                "/",
                null,
                Map.of("Host", List.of("sts.amazonaws.com")),
                "Action=AssumeRoleWithWebIdentity".getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.verify(request)).isEqualTo(new Unsigned());
    }

    @Test
    void verify_blankAuthorization_missingAuthenticationToken() {
        IncomingRequest request = new IncomingRequest("POST", "/", null, Map.of("Authorization", List.of(" ")), null);

        assertThat(verifier.verify(request))
                .isEqualTo(new Rejected("MissingAuthenticationToken", "Request is missing Authentication Token", 403));
    }

    @Test
    void verify_garbledAuthorization_incompleteSignature() {
        IncomingRequest request = new IncomingRequest(
                "POST", "/", null, Map.of("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/x")), null);

        AuthResult result = verifier.verify(request);

        assertThat(result).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) result;
        assertThat(rejected.code()).isEqualTo("IncompleteSignature");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.message())
                .startsWith("Authorization header requires 'Signature' parameter. Authorization header requires"
                        + " 'SignedHeaders' parameter. Authorization header requires existence of either a"
                        + " 'X-Amz-Date' or a 'Date' header.");
    }

    @Test
    void verify_credentialWithoutFiveElements_incompleteSignature() {
        IncomingRequest request = with(
                iamPost(CREATE_ROLE),
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20260304/us-east-1/aws4_request, SignedHeaders=host;x-amz-date,"
                        + " Signature=00");

        assertThat(verifier.verify(request))
                .isEqualTo(new Rejected(
                        "IncompleteSignature",
                        "Credential must have exactly 5 slash-delimited elements, e.g."
                                + " keyid/date/region/service/term, got 'AKID/20260304/us-east-1/aws4_request'",
                        400));
    }

    @Test
    void verify_scopeDateDiffersFromAmzDate_signatureDoesNotMatch() {
        IncomingRequest signed = iamPost(CREATE_ROLE);
        IncomingRequest request = with(
                signed,
                "Authorization",
                signed.header("Authorization").orElseThrow().replace("/20260304/", "/20260303/"));

        assertThat(((Rejected) verifier.verify(request)).message())
                .isEqualTo("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                        + " HTTP: '20260303' != '20260304', from '20260304T050607Z'.");
    }

    @Test
    void verify_sigV4a_incompleteSignature() {
        IncomingRequest request = with(
                iamPost(CREATE_ROLE),
                "Authorization",
                "AWS4-ECDSA-P256-SHA256 Credential=AKID/20260304/s3/aws4_request, SignedHeaders=host, Signature=00");

        assertThat(verifier.verify(request))
                .isEqualTo(new Rejected(
                        "IncompleteSignature", "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'", 400));
    }

    @Test
    void verify_presignMissingSignature_incompleteSignature() {
        IncomingRequest request = new IncomingRequest(
                "GET",
                "/",
                "Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260304"
                        + "%2Fus-east-1%2Fsts%2Faws4_request",
                Map.of("host", List.of("sts.amazonaws.com")),
                null);

        assertThat(verifier.verify(request))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("IncompleteSignature");
    }

    @Test
    void verify_badAmzDate_incompleteSignature() {
        IncomingRequest request = with(iamPost(CREATE_ROLE), "X-Amz-Date", "2026-03-04T05:06:07Z");

        assertThat(((Rejected) verifier.verify(request)).message())
                .startsWith("Date must be in ISO-8601 'basic format'. Got '2026-03-04T05:06:07Z'.");
    }

    @Test
    void verify_signedHeaderMissingFromRequest_signatureDoesNotMatch() {
        Map<String, List<String>> headers = new HashMap<>(iamPost(CREATE_ROLE).headers());
        headers.remove("amz-sdk-request");
        IncomingRequest signed = iamPost(CREATE_ROLE);

        assertThat(verifier.verify(new IncomingRequest("POST", "/", null, headers, signed.body())))
                .extracting(r -> ((Rejected) r).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    // --- peekScope ---

    @Test
    void peekScope_headerSigned_returnsScope() {
        assertThat(SigV4Verifier.peekScope(iamPost(CREATE_ROLE)))
                .contains(new SigningScope(ACCESS_KEY, "20260304", "us-east-1", "iam"));
    }

    @Test
    void peekScope_presigned_returnsScope() {
        assertThat(SigV4Verifier.peekScope(fromUrl(eksToken(NOW), "x")))
                .contains(new SigningScope(SESSION_KEY, "20260304", "us-east-1", "sts"));
    }

    @Test
    void peekScope_unsignedOrGarbled_empty() {
        assertThat(SigV4Verifier.peekScope(new IncomingRequest("GET", "/", null, Map.of(), null)))
                .isEmpty();
        assertThat(SigV4Verifier.peekScope(new IncomingRequest(
                        "GET", "/", null, Map.of("Authorization", List.of("AWS4-HMAC-SHA256 Credential=x/y")), null)))
                .isEmpty();
    }

    @Test
    void incomingRequest_headers_caseInsensitive() {
        IncomingRequest request = new IncomingRequest("GET", "/", null, Map.of("X-Amz-Date", List.of("d")), null);

        assertThat(request.header("x-amz-date")).contains("d");
        assertThat(request.headers().get("X-AMZ-DATE")).containsExactly("d");
    }

    @Test
    void verify_requestBuiltFromSignedRequest_sameAsIncoming() {
        // Guards the helper: an unmodified round trip must verify.
        IncomingRequest request = incoming(
                SdkSigning.presign(
                        request(SdkHttpMethod.GET, "https://sts.amazonaws.com/")
                                .appendRawQueryParameter("Action", "GetCallerIdentity"),
                        basic(),
                        "sts",
                        NOW,
                        Duration.ofMinutes(5)),
                new byte[0]);

        assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    }
}
