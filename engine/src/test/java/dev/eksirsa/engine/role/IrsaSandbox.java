package dev.eksirsa.engine.role;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.waiters.EksWaiter;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A sandbox with an ACTIVE cluster and its IAM OIDC provider, set up through the SDK as a user would; the sandbox,
 * engine connections and progress lines come from the shared {@code SandboxAws}.
 */
final class IrsaSandbox {
    static final String CLUSTER = "irsa-test";

    private IrsaSandbox() {}

    static AwsCredentials keys(SandboxAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    static AwsCredentials keys(Credentials session) {
        return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    }

    static IamClient iam(Sandbox sandbox, SandboxAccount account) {
        return IamClient.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(keys(account)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static StsClient sts(Sandbox sandbox, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(sandbox.awsEndpoint())
                .region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates an ACTIVE cluster and its OIDC provider; returns the issuer URL. */
    static String clusterWithProvider(Sandbox sandbox, String name) {
        SandboxAccount admin = sandbox.primary();
        try (IamClient iam = iam(sandbox, admin);
                EksClient eks = EksClient.builder()
                        .endpointOverride(sandbox.awsEndpoint())
                        .region(Region.of(sandbox.region()))
                        .credentialsProvider(StaticCredentialsProvider.create(keys(admin)))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build();
                Ec2Client ec2 = Ec2Client.builder()
                        .endpointOverride(sandbox.awsEndpoint())
                        .region(Region.of(sandbox.region()))
                        .credentialsProvider(StaticCredentialsProvider.create(keys(admin)))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            String roleArn = iam.createRole(
                            b -> b.roleName(name + "-cluster-role")
                                    .assumeRolePolicyDocument(
                                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                                    + "\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
            List<String> subnets = ec2
                    .describeSubnets(b -> b.filters(Filter.builder()
                            .name("default-for-az")
                            .values("true")
                            .build()))
                    .subnets()
                    .stream()
                    .map(Subnet::subnetId)
                    .limit(2)
                    .toList();
            eks.createCluster(b -> b.name(name).roleArn(roleArn).resourcesVpcConfig(v -> v.subnetIds(subnets)));
            try (EksWaiter waiter = EksWaiter.builder()
                    .client(eks)
                    .overrideConfiguration(
                            o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                                    .maxAttempts(200))
                    .build()) {
                waiter.waitUntilClusterActive(b -> b.name(name));
            }
            String issuer = eks.describeCluster(b -> b.name(name))
                    .cluster()
                    .identity()
                    .oidc()
                    .issuer();
            iam.createOpenIDConnectProvider(b -> b.url(issuer)
                    .clientIDList("sts.amazonaws.com")
                    .thumbprintList(sandbox.oidc().topCertificateThumbprint()));
            return issuer;
        }
    }

    /** A service-account token as the cluster would issue it. */
    static String token(Sandbox sandbox, String issuer, String namespace, String name) {
        Instant now = Instant.now();
        return sandbox.oidc()
                .find(issuer)
                .orElseThrow()
                .sign(new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("system:serviceaccount:" + namespace + ":" + name)
                        .audience("sts.amazonaws.com")
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
    }
}
