package dev.eksirsa.sandbox.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.sandbox.SandboxFixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.waiters.EksWaiter;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The parity set: the same test code against the sandbox and against moto, so that each emulator checks the
 * other. Where they differ, the subclass says which one matches AWS's documentation.
 */
abstract class AwsParityContract {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Administrator clients of the backend's primary account. */
    abstract SandboxClients clients();

    abstract String accountId();

    /**
     * IAM returns policy documents URL-encoded (AWS IAM API reference, e.g. GetRole's AssumeRolePolicyDocument);
     * emulators that return them plain are accepted here and pinned down in the backend's own test.
     */
    static JsonNode document(String returned) throws Exception {
        String json = returned.startsWith("%7B") ? URLDecoder.decode(returned, StandardCharsets.UTF_8) : returned;
        return JSON.readTree(json);
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void role_crudWithTagsAndPolicies_roundTrips() throws Exception {
        try (IamClient iam = clients().iam()) {
            String name = unique("parity-role-");
            String trust =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                            + accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
            Role created = iam.createRole(b -> b.roleName(name)
                            .assumeRolePolicyDocument(trust)
                            .description("parity")
                            .tags(Tag.builder()
                                    .key("managed-by")
                                    .value("eks-irsa")
                                    .build()))
                    .role();
            assertThat(created.arn()).isEqualTo("arn:aws:iam::" + accountId() + ":role/" + name);
            assertThat(created.roleId()).startsWith("AROA");

            Role fetched = iam.getRole(b -> b.roleName(name)).role();
            assertThat(document(fetched.assumeRolePolicyDocument())).isEqualTo(JSON.readTree(trust));
            assertThat(fetched.tags())
                    .extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("managed-by", "eks-irsa"));
            assertThat(fetched.description()).isEqualTo("parity");

            assertThatThrownBy(() -> iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)))
                    .isInstanceOf(EntityAlreadyExistsException.class);

            String inline =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
            iam.putRolePolicy(b -> b.roleName(name).policyName("list").policyDocument(inline));
            assertThat(document(iam.getRolePolicy(b -> b.roleName(name).policyName("list"))
                            .policyDocument()))
                    .isEqualTo(JSON.readTree(inline));
            assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames())
                    .containsExactly("list");

            iam.attachRolePolicy(b -> b.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
            assertThat(iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies())
                    .extracting(p -> p.policyArn())
                    .containsExactly("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

            iam.tagRole(b -> b.roleName(name)
                    .tags(Tag.builder().key("team").value("platform").build()));
            iam.untagRole(b -> b.roleName(name).tagKeys("managed-by"));
            Map<String, String> tags = iam.listRoleTags(b -> b.roleName(name)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
            assertThat(tags).containsExactly(Map.entry("team", "platform"));

            assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName(name))).isInstanceOf(DeleteConflictException.class);
            iam.detachRolePolicy(b -> b.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
            iam.deleteRolePolicy(b -> b.roleName(name).policyName("list"));
            iam.deleteRole(b -> b.roleName(name));
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName(name))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @Test
    void oidcProvider_createAndUpdateThumbprint_roundTrips() {
        try (IamClient iam = clients().iam()) {
            String host = "oidc.parity.example/id/"
                    + UUID.randomUUID().toString().replace("-", "").toUpperCase();
            String first = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
            String second = "06b25927c42a721631c1efd9431e648fa62e1e39";
            String arn = iam.createOpenIDConnectProvider(b -> b.url("https://" + host)
                            .clientIDList("sts.amazonaws.com")
                            .thumbprintList(first))
                    .openIDConnectProviderArn();
            assertThat(arn).isEqualTo("arn:aws:iam::" + accountId() + ":oidc-provider/" + host);

            GetOpenIdConnectProviderResponse provider =
                    iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            assertThat(provider.url()).isEqualTo(host);
            assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com");
            assertThat(provider.thumbprintList()).containsExactly(first);

            iam.updateOpenIDConnectProviderThumbprint(
                    b -> b.openIDConnectProviderArn(arn).thumbprintList(second));
            assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn))
                            .thumbprintList())
                    .containsExactly(second);
            assertThatThrownBy(() -> iam.createOpenIDConnectProvider(
                            b -> b.url("https://" + host).clientIDList("sts.amazonaws.com")))
                    .isInstanceOf(EntityAlreadyExistsException.class);

            iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
                    .noneMatch(p -> p.arn().equals(arn));
        }
    }

    @Test
    void ec2_defaultVpc_hasDefaultSubnetsInSeveralZones() {
        try (Ec2Client ec2 = clients().ec2()) {
            List<String> defaultVpcs = ec2
                    .describeVpcs(b -> b.filters(
                            Filter.builder().name("isDefault").values("true").build()))
                    .vpcs()
                    .stream()
                    .map(v -> v.vpcId())
                    .toList();
            assertThat(defaultVpcs).hasSize(1);
            List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(
                            Filter.builder()
                                    .name("vpc-id")
                                    .values(defaultVpcs.get(0))
                                    .build(),
                            Filter.builder()
                                    .name("default-for-az")
                                    .values("true")
                                    .build()))
                    .subnets();
            assertThat(subnets).allMatch(Subnet::defaultForAz);
            assertThat(subnets.stream().map(Subnet::availabilityZone).distinct().count())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void eks_createAndDescribe_becomesActiveWithIssuer() {
        try (IamClient iam = clients().iam();
                EksClient eks = clients().eks();
                Ec2Client ec2 = clients().ec2()) {
            String roleName = unique("parity-eks-");
            String roleArn = iam.createRole(
                            b -> b.roleName(roleName).assumeRolePolicyDocument(SandboxFixtures.EKS_TRUST))
                    .role()
                    .arn();
            iam.attachRolePolicy(b -> b.roleName(roleName).policyArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"));
            List<String> subnetIds = SandboxFixtures.defaultSubnets(ec2);
            String clusterName = unique("parity-");
            Cluster created = eks.createCluster(
                            b -> b.name(clusterName).roleArn(roleArn).resourcesVpcConfig(v -> v.subnetIds(subnetIds)))
                    .cluster();
            assertThat(created.name()).isEqualTo(clusterName);
            assertThat(created.status()).isIn(ClusterStatus.CREATING, ClusterStatus.ACTIVE);

            try (EksWaiter waiter = EksWaiter.builder()
                    .client(eks)
                    .overrideConfiguration(
                            o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(250)))
                                    .maxAttempts(120))
                    .build()) {
                waiter.waitUntilClusterActive(b -> b.name(clusterName));
            }
            Cluster active = eks.describeCluster(b -> b.name(clusterName)).cluster();
            assertThat(active.status()).isEqualTo(ClusterStatus.ACTIVE);
            assertThat(active.arn())
                    .isEqualTo("arn:aws:eks:" + clients().region() + ":" + accountId() + ":cluster/" + clusterName);
            assertThat(active.identity().oidc().issuer()).startsWith("https://");
            assertThat(active.roleArn()).isEqualTo(roleArn);
            assertThat(eks.listClusters().clusters()).contains(clusterName);
        }
    }
}
