package dev.eksirsa.sandbox.auth;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Recomputes a request's SigV4 signature with the AWS SDK v2 signer: the request is rebuilt from what was received
 * (signed headers only, raw path, decoded query) and signed again at the client's X-Amz-Date.
 */
final class SdkSignatures {

    /** The signer's output: signature and the signed-headers list it actually covered. */
    record Computed(String signature, String signedHeaders) {}

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final Set<String> QUERY_AUTH_PARAMS = Set.of(
            AuthParser.X_AMZ_ALGORITHM,
            AuthParser.X_AMZ_CREDENTIAL,
            AuthParser.X_AMZ_DATE,
            AuthParser.X_AMZ_SIGNED_HEADERS,
            AuthParser.X_AMZ_SIGNATURE);

    private SdkSignatures() {}

    static Optional<Computed> compute(IncomingRequest request, RawQuery query, AuthParams auth, String secret) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                // Neither scheme nor host reach the canonical request (the Host header does); https keeps the
                // signer from forcing payload signing for plain-HTTP requests.
                .protocol("https")
                .host("localhost")
                .method(SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT)))
                .encodedPath(request.rawPath());
        for (RawQuery.Param p : query.params()) {
            // The signer re-adds the auth parameters itself. X-Amz-Expires stays as sent: its text is what the
            // client signed, and 0 would be refused by the signer's EXPIRATION_DURATION check.
            if (!(auth.presigned() && QUERY_AUTH_PARAMS.contains(p.name()))) {
                builder.appendRawQueryParameter(p.name(), p.value());
            }
        }
        Set<String> signed = new HashSet<>(auth.signedHeaders());
        for (String name : auth.signedHeaders()) {
            List<String> values = request.headers().get(name);
            if (values != null) {
                builder.putHeader(name, values);
            }
        }

        boolean s3 = auth.scope().service().equals("s3");
        SignedRequest result = SIGNER.sign(r -> r.identity(
                        AwsCredentialsIdentity.create(auth.scope().accessKeyId(), secret))
                .request(UnsignedHeaderFilter.wrap(builder.build(), signed))
                .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, auth.scope().service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, auth.scope().region())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(auth.signedAt(), ZoneOffset.UTC))
                .putProperty(
                        AwsV4HttpSigner.AUTH_LOCATION,
                        auth.presigned() ? AuthLocation.QUERY_STRING : AuthLocation.HEADER)
                // S3 signs the path as sent; every other service normalises it and encodes it a second time.
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigned(request, auth, s3)));

        SdkHttpRequest signedRequest = result.request();
        if (auth.presigned()) {
            Optional<String> signature = signedRequest.firstMatchingRawQueryParameter(AuthParser.X_AMZ_SIGNATURE);
            Optional<String> headers = signedRequest.firstMatchingRawQueryParameter(AuthParser.X_AMZ_SIGNED_HEADERS);
            return signature.flatMap(s -> headers.map(h -> new Computed(s, h)));
        }
        return signedRequest.firstMatchingHeader("Authorization").flatMap(SdkSignatures::fromAuthorization);
    }

    private static boolean payloadSigned(IncomingRequest request, AuthParams auth, boolean s3) {
        if (auth.presigned()) {
            return !s3;
        }
        if (auth.signedHeaders().contains("x-amz-content-sha256")) {
            return !request.header("x-amz-content-sha256")
                    .map(v -> v.trim().equals(UNSIGNED_PAYLOAD))
                    .orElse(false);
        }
        return true;
    }

    private static Optional<Computed> fromAuthorization(String authorization) {
        String signature = null;
        String signedHeaders = null;
        for (String part : authorization.split("[ ,]+")) {
            if (part.startsWith("Signature=")) {
                signature = part.substring("Signature=".length());
            } else if (part.startsWith("SignedHeaders=")) {
                signedHeaders = part.substring("SignedHeaders=".length());
            }
        }
        return signature == null || signedHeaders == null
                ? Optional.empty()
                : Optional.of(new Computed(signature, signedHeaders));
    }
}
