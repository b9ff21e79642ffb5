package dev.eksirsa.sandbox;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.waiters.EksWaiter;
import software.amazon.awssdk.services.iam.IamClient;

/** Set-ups many sandbox tests share, done through the real SDK as a user would. */
public final class SandboxFixtures {
    public static final String STS_AUDIENCE = "sts.amazonaws.com";
    /** A cluster role's trust: EKS checks that eks.amazonaws.com may assume it. */
    public static final String EKS_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** Two default-for-az subnets of the default VPC, as a cluster needs. */
    public static List<String> defaultSubnets(software.amazon.awssdk.services.ec2.Ec2Client ec2) {
        return ec2
                .describeSubnets(b -> b.filters(
                        Filter.builder().name("default-for-az").values("true").build()))
                .subnets()
                .stream()
                .map(Subnet::subnetId)
                .limit(2)
                .toList();
    }

    private SandboxFixtures() {}

    public static Sandbox fastSandbox() {
        return Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
    }

    /** A cluster role, an ACTIVE cluster on the default subnets; returns the cluster's issuer URL. */
    public static String activeCluster(SandboxClients admin, String clusterName) {
        try (IamClient iam = admin.iam();
                EksClient eks = admin.eks();
                var ec2 = admin.ec2()) {
            String roleName = clusterName + "-cluster-role";
            String roleArn = iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(EKS_TRUST))
                    .role()
                    .arn();
            List<String> subnets = defaultSubnets(ec2);
            eks.createCluster(b -> b.name(clusterName).roleArn(roleArn).resourcesVpcConfig(v -> v.subnetIds(subnets)));
            try (EksWaiter waiter = EksWaiter.builder()
                    .client(eks)
                    .overrideConfiguration(
                            o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                                    .maxAttempts(200))
                    .build()) {
                waiter.waitUntilClusterActive(b -> b.name(clusterName));
            }
            return eks.describeCluster(b -> b.name(clusterName))
                    .cluster()
                    .identity()
                    .oidc()
                    .issuer();
        }
    }

    /** Registers the issuer as an IAM OIDC provider with the sts audience; returns its ARN. */
    public static String oidcProvider(SandboxClients admin, Sandbox sandbox, String issuerUrl) {
        try (IamClient iam = admin.iam()) {
            return iam.createOpenIDConnectProvider(b -> b.url(issuerUrl)
                            .clientIDList(STS_AUDIENCE)
                            .thumbprintList(sandbox.oidc().topCertificateThumbprint()))
                    .openIDConnectProviderArn();
        }
    }

    public static String irsaTrust(
            String providerArn, String issuerUrl, String operator, String subject, String audience) {
        String hostPath = issuerUrl.substring("https://".length());
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EksIrsa\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"" + operator
                + "\":{\""
                + hostPath + ":sub\":\"" + subject + "\",\"" + hostPath + ":aud\":\"" + audience + "\"}}}]}";
    }

    /** A service-account token as the cluster would issue it. */
    public static String serviceAccountToken(
            Sandbox sandbox, String issuerUrl, String namespace, String name, String audience, Duration ttl) {
        ClusterIssuer issuer = sandbox.oidc().find(issuerUrl).orElseThrow();
        return issuer.sign(
                claims(issuerUrl, namespace, name, audience, Instant.now(), ttl).build());
    }

    public static JWTClaimsSet.Builder claims(
            String iss, String namespace, String name, String audience, Instant issuedAt, Duration ttl) {
        return new JWTClaimsSet.Builder()
                .issuer(iss)
                .subject("system:serviceaccount:" + namespace + ":" + name)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
    }
}
