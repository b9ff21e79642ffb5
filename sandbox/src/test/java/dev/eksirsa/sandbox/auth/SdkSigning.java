package dev.eksirsa.sandbox.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Signs requests with the SDK v2 signer the way the SDK's clients do, and turns them into IncomingRequests. */
final class SdkSigning {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_KEY = "ASIAIOSFODNN7SESSION";
    static final String SESSION_SECRET = "sessionSecret/abc+def";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEBYaDK+token/with=chars";
    static final SecretLookup SECRETS = id -> java.util.Optional.ofNullable(
            Map.of(ACCESS_KEY, SECRET, SESSION_KEY, SESSION_SECRET).get(id));

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkSigning() {}

    static AwsCredentialsIdentity basic() {
        return AwsCredentialsIdentity.create(ACCESS_KEY, SECRET);
    }

    static AwsCredentialsIdentity session() {
        return AwsSessionCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET, SESSION_TOKEN);
    }

    static SdkHttpRequest.Builder request(SdkHttpMethod method, String uri) {
        return SdkHttpRequest.builder().method(method).uri(URI.create(uri));
    }

    /** Header auth, as the IAM/STS/EKS clients sign: with the SDK's own invocation headers. */
    static IncomingRequest signHeaders(
            SdkHttpRequest.Builder request, String body, AwsCredentialsIdentity identity, String service, Instant at) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        request.putHeader("amz-sdk-invocation-id", "7b0c4f3e-5d2a-4f6e-9c1b-2a3d4e5f6a7b")
                .putHeader("amz-sdk-request", "attempt=1; max=4")
                .putHeader("User-Agent", "aws-sdk-java/2.57.8");
        if (body != null) {
            request.putHeader("Content-Length", Integer.toString(bytes.length));
        }
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return incoming(signed.request(), bytes);
    }

    /** A presigned URL, as aws-iam-authenticator / `aws eks get-token` build the EKS bearer token. */
    static SdkHttpRequest presign(
            SdkHttpRequest.Builder request, AwsCredentialsIdentity identity, String service, Instant at, Duration ttl) {
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request();
    }

    static IncomingRequest incoming(SdkHttpRequest signed, byte[] body) {
        return new IncomingRequest(
                signed.method().name(),
                signed.encodedPath(),
                signed.encodedQueryParameters().orElse(null),
                signed.headers(),
                body);
    }
}
