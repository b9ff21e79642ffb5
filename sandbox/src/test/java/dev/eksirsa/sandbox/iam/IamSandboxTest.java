package dev.eksirsa.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.sandbox.SandboxFixtures;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM behaviour beyond the parity set, through the real SDK. */
@RunsAgainst(Backend.SANDBOX_SDK)
class IamSandboxTest {
    private static final String S3_LIST =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
    private static Sandbox sandbox;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixtures.fastSandbox();
        iam = SandboxClients.admin(sandbox, sandbox.primary()).iam();
    }

    @AfterAll
    static void stop() {
        iam.close();
        sandbox.close();
    }

    private static String rootTrust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + sandbox.primary().accountId() + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    @Test
    void createRole_nameDiffersOnlyInCase_isEntityAlreadyExists() {
        iam.createRole(b -> b.roleName("CaseRole").assumeRolePolicyDocument(rootTrust()));
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("caserole").assumeRolePolicyDocument(rootTrust())))
                .isInstanceOf(EntityAlreadyExistsException.class);
    }

    @Test
    void createRole_bareAccountIdPrincipal_isStoredAsRootArn() throws Exception {
        iam.createRole(b -> b.roleName("bare-account")
                .path("/team/")
                .maxSessionDuration(7200)
                .assumeRolePolicyDocument(rootTrust()));
        var role = iam.getRole(b -> b.roleName("bare-account")).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + sandbox.primary().accountId() + ":role/team/bare-account");
        assertThat(role.maxSessionDuration()).isEqualTo(7200);
        assertThat(java.net.URLDecoder.decode(role.assumeRolePolicyDocument(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("arn:aws:iam::" + sandbox.primary().accountId() + ":root");
    }

    @Test
    void createRole_withTags_needsTagRoleToo_andOidcProviderWithTagsTagOpenIdConnectProvider() {
        String account = sandbox.primary().accountId();
        var creatorKeys = sandbox.createUser(account, "creator");
        sandbox.putUserPolicy(
                account,
                "creator",
                "create-only",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"iam:CreateRole\",\"iam:CreateOpenIDConnectProvider\"],\"Resource\":\"*\"}]}");
        try (IamClient creator = SandboxClients.admin(sandbox, creatorKeys).iam()) {
            Tag tag = Tag.builder().key("team").value("a").build();

            assertThatThrownBy(() -> creator.createRole(b -> b.roleName("tagged")
                            .assumeRolePolicyDocument(rootTrust())
                            .tags(tag)))
                    .hasMessageContaining("not authorized to perform: iam:TagRole on resource: arn:aws:iam::" + account
                            + ":role/tagged");
            assertThatThrownBy(() -> creator.createOpenIDConnectProvider(b -> b.url("https://issuer.example/id/1")
                            .clientIDList("sts.amazonaws.com")
                            .tags(tag)))
                    .hasMessageContaining("iam:TagOpenIDConnectProvider");
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().equals("tagged"));

            creator.createRole(b -> b.roleName("untagged").assumeRolePolicyDocument(rootTrust()));
        }
    }

    @Test
    void customerPolicy_versions_defaultSwitchAndLimits() {
        String arn = iam.createPolicy(b -> b.policyName("versions").policyDocument(S3_LIST))
                .policy()
                .arn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + sandbox.primary().accountId() + ":policy/versions");
        for (int i = 2; i <= 5; i++) {
            iam.createPolicyVersion(
                    b -> b.policyArn(arn).policyDocument(S3_LIST).setAsDefault(true));
        }
        assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId())
                .isEqualTo("v5");
        assertThat(iam.listPolicyVersions(b -> b.policyArn(arn)).versions()).hasSize(5);
        assertThatThrownBy(() -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(S3_LIST)))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v5")))
                .isInstanceOf(DeleteConflictException.class);
        iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v1"));
        iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v5"));
        assertThat(iam.listPolicyVersions(b -> b.policyArn(arn)).versions()).hasSize(4);

        iam.createRole(b -> b.roleName("uses-versions").assumeRolePolicyDocument(rootTrust()));
        iam.attachRolePolicy(b -> b.roleName("uses-versions").policyArn(arn));
        assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(arn))).isInstanceOf(DeleteConflictException.class);
    }

    @Test
    void oidcProvider_withoutThumbprint_addClientIdAndTags() {
        String arn = iam.createOpenIDConnectProvider(b -> b.url("https://issuer.example/id/NOTHUMB")
                        .clientIDList("sts.amazonaws.com")
                        .tags(Tag.builder().key("managed-by").value("eks-irsa").build()))
                .openIDConnectProviderArn();
        iam.addClientIDToOpenIDConnectProvider(
                b -> b.openIDConnectProviderArn(arn).clientID("harness"));
        iam.addClientIDToOpenIDConnectProvider(
                b -> b.openIDConnectProviderArn(arn).clientID("harness"));
        var provider = iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        assertThat(provider.thumbprintList()).isEmpty();
        assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com", "harness");
        iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)
                .tags(Tag.builder().key("eks-irsa:cluster").value("c").build()));
        assertThat(iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn))
                        .tags())
                .extracting(Tag::key)
                .containsExactly("managed-by", "eks-irsa:cluster");
    }

    @Test
    void attachRolePolicy_overTheQuota_isLimitExceeded() {
        iam.createRole(b -> b.roleName("many-policies").assumeRolePolicyDocument(rootTrust()));
        for (int i = 0; i < 10; i++) {
            int n = i;
            String arn = iam.createPolicy(b -> b.policyName("quota-" + n).policyDocument(S3_LIST))
                    .policy()
                    .arn();
            iam.attachRolePolicy(b -> b.roleName("many-policies").policyArn(arn));
        }
        String eleventh = iam.createPolicy(b -> b.policyName("quota-10").policyDocument(S3_LIST))
                .policy()
                .arn();
        assertThatThrownBy(() ->
                        iam.attachRolePolicy(b -> b.roleName("many-policies").policyArn(eleventh)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("PoliciesPerRole: 10");
    }
}
