package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.InputRules;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * EKS bearer tokens as aws-iam-authenticator defines them: an STS GetCallerIdentity GET presigned for 60 s
 * with the signed header {@code x-k8s-aws-id: <cluster>}, as {@code k8s-aws-v1.} + unpadded base64url of the
 * URL. The API server asks STS who signed it, so the token proves the caller's IAM identity.
 */
public final class EksTokenGenerator {
    static final String CLUSTER_HEADER = "x-k8s-aws-id";
    private static final Duration PRESIGN = Duration.ofSeconds(60);
    private static final Duration REFRESH_AFTER = Duration.ofMinutes(14);

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI stsEndpoint;
    private final Clock clock;

    /** @param stsEndpoint null for the region's public STS endpoint */
    public EksTokenGenerator(AwsCredentialsProvider credentials, String region, URI stsEndpoint, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = InputRules.region("region", region);
        this.stsEndpoint = stsEndpoint == null ? regionalSts(region) : stsEndpoint;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EksToken generate(String clusterName) {
        InputRules.clusterName("clusterName", clusterName);
        Instant now = clock.instant();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(stsEndpoint)
                .encodedPath(
                        stsEndpoint.getRawPath() == null
                                        || stsEndpoint.getRawPath().isEmpty()
                                ? "/"
                                : stsEndpoint.getRawPath())
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_HEADER, clusterName)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, PRESIGN)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, java.time.ZoneOffset.UTC)));
        String url = signed.request().getUri().toString();
        String value = EksToken.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new EksToken(value, now, now.plus(REFRESH_AFTER));
    }

    static URI regionalSts(String region) {
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://sts." + region + "." + suffix + "/");
    }
}
