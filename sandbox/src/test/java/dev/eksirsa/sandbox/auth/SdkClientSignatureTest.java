package dev.eksirsa.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.auth.AuthResult.Rejected;
import dev.eksirsa.sandbox.auth.AuthResult.Verified;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Requests signed by the real SDK v2 service clients, captured on the wire, then verified. */
class SdkClientSignatureTest {

    private static final String KEY = "AKIDSDKCLIENTEXAMPLE";
    private static final String SECRET = "sdk/client+secret=example";
    private static final String SESSION_KEY = "ASIASDKCLIENTSESSION";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjE/session+token==";
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> Optional.ofNullable(Map.of(KEY, SECRET, SESSION_KEY, SECRET).get(id)), Clock.systemUTC());

    private static StaticCredentialsProvider credentials(AwsCredentials credentials) {
        return StaticCredentialsProvider.create(credentials);
    }

    @Test
    void stsClient_getCallerIdentity_verified() throws Exception {
        try (CaptureServer server = new CaptureServer(
                        "text/xml",
                        """
                        <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/u</Arn>\
                        <UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult>\
                        <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>""");
                StsClient sts = StsClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials(AwsBasicCredentials.create(KEY, SECRET)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");

            AuthResult result = VERIFIER.verify(server.single());

            assertThat(result).isInstanceOf(Verified.class);
            assertThat(((Verified) result).scope().service()).isEqualTo("sts");
            assertThat(((Verified) result).sessionToken()).isNull();
        }
    }

    @Test
    void stsClient_sessionCredentials_verifiedWithToken() throws Exception {
        try (CaptureServer server = new CaptureServer("text/xml", "<GetCallerIdentityResponse/>");
                StsClient sts = StsClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(credentials(AwsSessionCredentials.create(SESSION_KEY, SECRET, TOKEN)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            sts.getCallerIdentity();

            AuthResult result = VERIFIER.verify(server.single());

            assertThat(result).isInstanceOf(Verified.class);
            assertThat(((Verified) result).sessionToken()).isEqualTo(TOKEN);
            assertThat(((Verified) result).scope().region()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void iamClient_createRoleFormBody_verifiedAndTamperRejected() throws Exception {
        try (CaptureServer server = new CaptureServer(
                        "text/xml",
                        """
                        <CreateRoleResponse><CreateRoleResult><Role><Path>/</Path><RoleName>app</RoleName>\
                        <RoleId>AROA</RoleId><Arn>arn:aws:iam::111122223333:role/app</Arn>\
                        <CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></CreateRoleResult></CreateRoleResponse>""");
                IamClient iam = IamClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.AWS_GLOBAL)
                        .credentialsProvider(credentials(AwsBasicCredentials.create(KEY, SECRET)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            iam.createRole(r -> r.roleName("app")
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Federated\":\"arn:aws:iam::1:oidc-provider/x y\"},"
                            + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}"));
            IncomingRequest captured = server.single();

            assertThat(VERIFIER.verify(captured)).isInstanceOf(Verified.class);
            byte[] tampered = captured.body().clone();
            tampered[tampered.length - 1] ^= 1;
            assertThat(VERIFIER.verify(new IncomingRequest(
                            captured.method(), captured.rawPath(), captured.rawQuery(), captured.headers(), tampered)))
                    .extracting(r -> ((Rejected) r).code())
                    .isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void eksClient_describeClusterWithSpaceInName_verified() throws Exception {
        try (CaptureServer server = new CaptureServer("application/json", "{\"cluster\":{\"name\":\"my cluster\"}}");
                EksClient eks = EksClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_WEST_2)
                        .credentialsProvider(credentials(AwsSessionCredentials.create(SESSION_KEY, SECRET, TOKEN)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            eks.describeCluster(r -> r.name("my cluster"));
            IncomingRequest captured = server.single();

            assertThat(captured.rawPath()).isEqualTo("/clusters/my%20cluster");
            assertThat(VERIFIER.verify(captured)).isInstanceOf(Verified.class);
        }
    }

    @Test
    void eksClient_listClustersWithQuery_verified() throws Exception {
        try (CaptureServer server = new CaptureServer("application/json", "{\"clusters\":[]}");
                EksClient eks = EksClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials(AwsBasicCredentials.create(KEY, SECRET)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            eks.listClusters(r -> r.maxResults(5).nextToken("a/b+c=="));
            IncomingRequest captured = server.single();

            assertThat(captured.rawQuery()).isNotNull();
            assertThat(VERIFIER.verify(captured)).isInstanceOf(Verified.class);
        }
    }
}
