package dev.eksirsa.engine.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import org.junit.jupiter.api.Test;

class IrsaRoleSpecTest {

    @Test
    void defaultRoleName_isClusterNamespaceServiceAccount() {
        IrsaRoleSpec spec = base().build();

        assertThat(spec.roleName()).isEqualTo("prod-harness-delegate-ng-delegate");
        assertThat(spec.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(spec.path()).isEqualTo("/");
        assertThat(spec.state()).isEqualTo(RoleState.PRESENT);
    }

    @Test
    void defaultRoleName_longerThan64_isCutWithAHashOfTheFullName() {
        String sa = "a-very-long-service-account-name-for-the-delegate-of-harness";
        String name = RoleNames.defaultName("production-cluster", new ServiceAccountRef("harness-delegate-ng", sa));
        String other =
                RoleNames.defaultName("production-cluster", new ServiceAccountRef("harness-delegate-ng", sa + "x"));

        assertThat(name).hasSize(64).matches(".*-[0-9a-f]{8}");
        assertThat(name).startsWith("production-cluster-harness-delegate-ng-a-very-long-serv");
        assertThat(other).isNotEqualTo(name).hasSize(64);
    }

    @Test
    void badKubernetesNames_areRefusedWithTheRule() {
        assertThatThrownBy(() -> base().serviceAccount("Bad_NS", "sa"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DNS-1123 label");
        assertThatThrownBy(() -> base().serviceAccount("ns", "UPPER"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DNS-1123 subdomain");
        assertThatThrownBy(() -> base().serviceAccount("a".repeat(64), "sa")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> base().serviceAccount("ns-without-name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("namespace/name");
        assertThat(base().serviceAccount("ns", "sa.with.dots").build().serviceAccounts())
                .hasSize(2);
    }

    @Test
    void badIamNames_areRefused() {
        assertThatThrownBy(() -> base().roleName("r".repeat(65)).build())
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("roleName");
        assertThatThrownBy(() -> base().roleName("has space").build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> base().path("no-slashes").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> base().maxSessionDuration(60).build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> base().inlinePolicy("EksIrsaMine", "{}").build())
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> base().inlinePolicy("p", "{not json").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inlinePolicies.p");
        assertThatThrownBy(() -> base().tag("managed-by", "me").build()).hasMessageContaining("reserved");
        assertThat(base().path("/ci/irsa/").build().path()).isEqualTo("/ci/irsa/");
    }

    @Test
    void targetRoleSessionOverAnHour_isRefusedBecauseChainedSessionsAreCappedAtOneHour() {
        dev.eksirsa.engine.api.ConnectionRef connection = dev.eksirsa.engine.api.ConnectionRef.profile("second");

        assertThatThrownBy(() -> new TargetRoleSpec("Role-2", connection, null, null, 7200, null, null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("targetRoles.maxSessionDuration")
                .hasMessageContaining("role chaining")
                .hasMessageContaining("1 hour");
        assertThat(new TargetRoleSpec("Role-2", connection, null, null, 3600, null, null, null, null)
                        .maxSessionDuration())
                .isEqualTo(3600);
    }

    @Test
    void arns_areCheckedInEveryPartition() {
        assertThat(base().policyArn("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess")
                        .policyArn("arn:aws-us-gov:iam::123456789012:policy/mine")
                        .assumeRoleArn("arn:aws-us-gov:iam::123456789012:role/r")
                        .permissionsBoundary("arn:aws:iam::123456789012:policy/boundary")
                        .oidcProviderArn("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1."
                                + "amazonaws.com.cn/id/ABC")
                        .build()
                        .policyArns())
                .hasSize(2);
        assertThatThrownBy(
                        () -> base().policyArn("arn:aws-xx:iam::aws:policy/A").build())
                .hasMessageContaining("managed policy ARN");
        assertThatThrownBy(() ->
                        base().policyArn("arn:aws:iam::123456789012:role/r").build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() ->
                        base().assumeRoleArn("arn:aws:iam::123456789012:user/u").build())
                .hasMessageContaining("is a user ARN, not a role ARN");
        assertThatThrownBy(() ->
                        base().assumeRoleArn("arn:aws:iam::123456789012:role/*").build())
                .hasMessageContaining("is a wildcard");
        assertThatThrownBy(() -> base().oidcProviderArn("arn:aws:iam::123456789012:role/x")
                        .build())
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("oidcProviderArn");
    }

    @Test
    void wildcardServiceAccounts_needAllowWildcards() {
        assertThatThrownBy(() -> IrsaRoleSpec.builder()
                        .clusterName("prod")
                        .serviceAccount("ns/app-*")
                        .roleName("r")
                        .build())
                .hasMessageContaining("allowWildcards");
        assertThat(IrsaRoleSpec.builder()
                        .clusterName("prod")
                        .serviceAccount("ns/app-*")
                        .roleName("r")
                        .allowWildcards(true)
                        .build()
                        .serviceAccounts()
                        .get(0)
                        .isPattern())
                .isTrue();
    }

    @Test
    void clusterOrProvider_isRequired() {
        assertThatThrownBy(() -> IrsaRoleSpec.builder().serviceAccount("ns/sa").build())
                .hasMessageContaining("clusterName");
        assertThatThrownBy(() -> IrsaRoleSpec.builder()
                        .oidcProviderArn("arn:aws:iam::123456789012:oidc-provider/o.example/id/A")
                        .serviceAccount("ns/sa")
                        .build())
                .hasMessageContaining("roleName");
    }

    private static IrsaRoleSpec.Builder base() {
        return IrsaRoleSpec.builder().clusterName("prod").serviceAccount("harness-delegate-ng/delegate");
    }
}
