package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.sandbox.SandboxFixtures;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Clusters created through the sandbox's EKS API get an API server; access entries decide who gets in. */
@RunsAgainst(Backend.SANDBOX_SDK)
class EksClusterApiServerTest {

    @Test
    void describeClusterPointsAtTheApiServerAndAccessEntriesAdmitPrincipals() {
        try (Sandbox sandbox = SandboxFixtures.fastSandbox()) {
            SandboxClients admin = SandboxClients.admin(sandbox, sandbox.primary());
            Cluster cluster = clusterWithAccessEntries(admin, "sdk");
            assertThat(cluster.endpoint()).startsWith("https://127.0.0.1:");
            assertThat(cluster.certificateAuthority().data()).isNotBlank();

            AwsCredentialsIdentity adminIdentity = AwsCredentialsIdentity.create(
                    sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey());
            try (KubernetesClient client = client(cluster, EksTokens.token(adminIdentity, "sdk"))) {
                assertThat(client.namespaces().withName("default").get()).isNotNull();
            }

            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                    + sandbox.primary().arn() + "\"},\"Action\":\"sts:AssumeRole\"}]}";
            String roleArn;
            try (IamClient iam = admin.iam()) {
                roleArn = iam.createRole(b -> b.roleName("deployer").assumeRolePolicyDocument(trust))
                        .role()
                        .arn();
            }
            Credentials session;
            try (StsClient sts = admin.sts()) {
                session = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("ci"))
                        .credentials();
            }
            String roleToken = EksTokens.token(
                    AwsSessionCredentialsIdentity.create(
                            session.accessKeyId(), session.secretAccessKey(), session.sessionToken()),
                    "sdk",
                    "sts.us-east-1.amazonaws.com",
                    Instant.now());
            try (KubernetesClient client = client(cluster, roleToken)) {
                assertThat(statusOf(() -> client.namespaces().list())).isEqualTo(403);
                try (EksClient eks = admin.eks()) {
                    eks.createAccessEntry(b -> b.clusterName("sdk").principalArn(roleArn));
                    // an access entry alone admits the principal, but grants nothing until a policy is associated
                    assertThat(statusOf(() -> client.namespaces().list())).isEqualTo(403);
                    eks.associateAccessPolicy(b -> b.clusterName("sdk")
                            .principalArn(roleArn)
                            .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy")
                            .accessScope(s -> s.type("cluster")));
                }
                assertThat(client.namespaces().list().getItems()).isNotEmpty();
            }
            assertThat(sandbox.calls().matching(r -> "kubernetes".equals(r.service()) && roleArn.equals(r.principal())))
                    .extracting(r -> r.status())
                    .contains(403, 200);
        }
    }

    private static Cluster clusterWithAccessEntries(SandboxClients admin, String name) {
        try (IamClient iam = admin.iam();
                EksClient eks = admin.eks();
                var ec2 = admin.ec2()) {
            String roleArn = iam.createRole(b -> b.roleName(name + "-cluster")
                            .assumeRolePolicyDocument(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                                            + "\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
            List<String> subnets =
                    ec2
                            .describeSubnets(
                                    b -> b.filters(f -> f.name("default-for-az").values("true")))
                            .subnets()
                            .stream()
                            .map(s -> s.subnetId())
                            .limit(2)
                            .toList();
            eks.createCluster(b -> b.name(name)
                    .roleArn(roleArn)
                    .resourcesVpcConfig(v -> v.subnetIds(subnets))
                    .accessConfig(a -> a.authenticationMode(AuthenticationMode.API_AND_CONFIG_MAP)));
            for (int i = 0; i < 100; i++) {
                Cluster cluster = eks.describeCluster(b -> b.name(name)).cluster();
                if (cluster.status() == ClusterStatus.ACTIVE && cluster.endpoint() != null) {
                    return cluster;
                }
                sleep();
            }
            throw new AssertionError("cluster never became ACTIVE");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KubernetesClient client(Cluster cluster, String token) {
        Config config = new ConfigBuilder()
                .withMasterUrl(cluster.endpoint())
                .withCaCertData(cluster.certificateAuthority().data())
                .withOauthToken(token)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static int statusOf(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
    }
}
