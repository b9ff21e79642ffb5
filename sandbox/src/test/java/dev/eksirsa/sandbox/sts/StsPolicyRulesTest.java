package dev.eksirsa.sandbox.sts;

import static dev.eksirsa.sandbox.SandboxFixtures.STS_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.sandbox.SandboxFixtures;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

/**
 * One test per rule STS applies, each failing if the sandbox dropped that rule. Driven through the real SDK.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class StsPolicyRulesTest {
    private static Sandbox sandbox;
    private static SandboxClients primary;
    private static SandboxClients secondary;
    private static String issuer;
    private static String otherIssuer;
    private static String providerArn;

    @BeforeAll
    static void setUp() {
        sandbox = SandboxFixtures.fastSandbox();
        primary = SandboxClients.admin(sandbox, sandbox.primary());
        secondary = SandboxClients.admin(sandbox, sandbox.secondary());
        issuer = SandboxFixtures.activeCluster(primary, "rules");
        otherIssuer = SandboxFixtures.activeCluster(primary, "other");
        providerArn = SandboxFixtures.oidcProvider(primary, sandbox, issuer);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String irsaRole(String operator, String subject) {
        String roleName = name("irsa");
        try (IamClient iam = primary.iam()) {
            return iam.createRole(b -> b.roleName(roleName)
                            .assumeRolePolicyDocument(
                                    SandboxFixtures.irsaTrust(providerArn, issuer, operator, subject, STS_AUDIENCE)))
                    .role()
                    .arn();
        }
    }

    private static Credentials webIdentity(String roleArn, String token) {
        try (StsClient sts = primary.sts()) {
            return sts.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest.builder()
                            .roleArn(roleArn)
                            .roleSessionName("test")
                            .webIdentityToken(token)
                            .build())
                    .credentials();
        }
    }

    private static String token(Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> change) {
        var claims = SandboxFixtures.claims(issuer, "apps", "reader", STS_AUDIENCE, Instant.now(), Duration.ofHours(1));
        change.accept(claims);
        return sandbox.oidc().find(issuer).orElseThrow().sign(claims.build());
    }

    private static String errorCode(Throwable t) {
        return ((AwsServiceException) t).awsErrorDetails().errorCode();
    }

    @Test
    void webIdentity_validTokenForPinnedSubject_isAllowed() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        Credentials credentials = webIdentity(roleArn, token(c -> {}));
        try (StsClient sts = primary.as(credentials).sts()) {
            assertThat(sts.getCallerIdentity().arn())
                    .contains(":assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/test");
        }
    }

    @Test
    void webIdentity_badSignature_isInvalidIdentityToken() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        ClusterIssuer other = sandbox.oidc().find(otherIssuer).orElseThrow();
        String forged = other.sign(
                SandboxFixtures.claims(issuer, "apps", "reader", STS_AUDIENCE, Instant.now(), Duration.ofHours(1))
                        .build());
        assertThatThrownBy(() -> webIdentity(roleArn, forged)).isInstanceOf(InvalidIdentityTokenException.class);
    }

    @Test
    void webIdentity_tamperedPayload_isInvalidIdentityToken() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        String[] parts = token(c -> {}).split("\\.");
        String otherPayload =
                token(c -> c.subject("system:serviceaccount:apps:admin")).split("\\.")[1];
        assertThatThrownBy(() -> webIdentity(roleArn, parts[0] + "." + otherPayload + "." + parts[2]))
                .isInstanceOf(InvalidIdentityTokenException.class);
    }

    @Test
    void webIdentity_issuerWithoutProvider_isInvalidIdentityToken() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        ClusterIssuer other = sandbox.oidc().find(otherIssuer).orElseThrow();
        String token = other.sign(
                SandboxFixtures.claims(otherIssuer, "apps", "reader", STS_AUDIENCE, Instant.now(), Duration.ofHours(1))
                        .build());
        assertThatThrownBy(() -> webIdentity(roleArn, token)).isInstanceOf(InvalidIdentityTokenException.class);
    }

    @Test
    void webIdentity_audienceNotAClientId_isInvalidIdentityToken() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        assertThatThrownBy(() -> webIdentity(roleArn, token(c -> c.audience("vault"))))
                .isInstanceOf(InvalidIdentityTokenException.class);
    }

    @Test
    void webIdentity_expiredToken_isRefused() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = sandbox.oidc()
                .find(issuer)
                .orElseThrow()
                .sign(SandboxFixtures.claims(issuer, "apps", "reader", STS_AUDIENCE, past, Duration.ofMinutes(10))
                        .build());
        // AWS answers ExpiredTokenException for an expired web identity token (STS API reference).
        assertThatThrownBy(() -> webIdentity(roleArn, expired))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ExpiredTokenException"));
    }

    @Test
    void webIdentity_otherSubject_isAccessDenied() {
        String roleArn = irsaRole("StringEquals", "system:serviceaccount:apps:reader");
        assertThatThrownBy(() -> webIdentity(roleArn, token(c -> c.subject("system:serviceaccount:apps:writer"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> webIdentity(roleArn, token(c -> c.subject("system:serviceaccount:other:reader"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void webIdentity_literalStarUnderStringEquals_isNotAWildcard() {
        String equalsRole = irsaRole("StringEquals", "system:serviceaccount:apps:*");
        assertThatThrownBy(() -> webIdentity(equalsRole, token(c -> {})))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        String likeRole = irsaRole("StringLike", "system:serviceaccount:apps:*");
        assertThat(webIdentity(likeRole, token(c -> {})).accessKeyId()).startsWith("ASIA");
    }

    /** A role in the primary account that the primary administrator may assume, with the given inline policy. */
    private static String callerRole(String inlinePolicy) {
        String roleName = name("caller");
        try (IamClient iam = primary.iam()) {
            String arn = iam.createRole(b -> b.roleName(roleName)
                            .maxSessionDuration(43200)
                            .assumeRolePolicyDocument(
                                    trustAws("arn:aws:iam::" + sandbox.primary().accountId() + ":root", null)))
                    .role()
                    .arn();
            if (inlinePolicy != null) {
                iam.putRolePolicy(b -> b.roleName(roleName).policyName("p").policyDocument(inlinePolicy));
            }
            return arn;
        }
    }

    private static String targetRole(SandboxClients owner, String trustedArn, String externalId) {
        String roleName = name("target");
        try (IamClient iam = owner.iam()) {
            return iam.createRole(b -> b.roleName(roleName)
                            .maxSessionDuration(43200)
                            .assumeRolePolicyDocument(trustAws(trustedArn, externalId)))
                    .role()
                    .arn();
        }
    }

    private static String trustAws(String principal, String externalId) {
        String condition = externalId == null
                ? ""
                : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + externalId + "\"}}";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EksIrsaChain\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }

    private static String allowAssume(String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\""
                + resource + "\"}]}";
    }

    private static Credentials assume(SandboxClients as, String roleArn, String externalId, Integer duration) {
        try (StsClient sts = as.sts()) {
            return sts.assumeRole(b -> b.roleArn(roleArn)
                            .roleSessionName("chain")
                            .externalId(externalId)
                            .durationSeconds(duration))
                    .credentials();
        }
    }

    private static SandboxClients sessionOf(String roleArn) {
        return primary.as(assume(primary, roleArn, null, null));
    }

    @Test
    void assumeRole_explicitDenyInIdentityPolicy_winsOverTrustAllow() {
        String target = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/";
        String caller = callerRole("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + target + "*\"}]}");
        String targetArn = targetRole(primary, caller, null);
        SandboxClients session = sessionOf(caller);
        assertThatThrownBy(() -> assume(session, targetArn, null, null))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRole_crossAccount_needsBothSides() {
        String bothCaller = callerRole(null);
        String onlyTrustCaller = callerRole(null);
        String target = targetRole(secondary, bothCaller, null);
        // trust allows both callers; only the first has an identity policy allowing the call
        try (IamClient iam = secondary.iam()) {
            String roleName = target.substring(target.lastIndexOf('/') + 1);
            iam.updateAssumeRolePolicy(b -> b.roleName(roleName)
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"AWS\":[\"" + bothCaller + "\",\"" + onlyTrustCaller
                            + "\"]},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        try (IamClient iam = primary.iam()) {
            iam.putRolePolicy(b -> b.roleName(bothCaller.substring(bothCaller.lastIndexOf('/') + 1))
                    .policyName("p")
                    .policyDocument(allowAssume(target)));
        }
        assertThat(assume(sessionOf(bothCaller), target, null, null).accessKeyId())
                .startsWith("ASIA");
        assertThatThrownBy(() -> assume(sessionOf(onlyTrustCaller), target, null, null))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        String onlyIdentityCaller = callerRole(allowAssume("*"));
        String untrusting = targetRole(secondary, bothCaller, null);
        assertThatThrownBy(() -> assume(sessionOf(onlyIdentityCaller), untrusting, null, null))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRole_externalIdCondition_deniesMissingOrWrongId() {
        String caller = callerRole(allowAssume("*"));
        String target = targetRole(secondary, caller, "harness-4711");
        SandboxClients session = sessionOf(caller);
        assertThatThrownBy(() -> assume(session, target, null, null))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> assume(session, target, "harness-0000", null))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(assume(session, target, "harness-4711", null).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void assumeRole_chainedOverOneHour_isRefused() {
        String caller = callerRole(allowAssume("*"));
        String target = targetRole(secondary, caller, null);
        SandboxClients session = sessionOf(caller);
        assertThatThrownBy(() -> assume(session, target, null, 3601))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThat(assume(session, target, null, 3600).accessKeyId()).startsWith("ASIA");
        // the same duration is fine for a first hop from a user, within the role's MaxSessionDuration
        assertThat(assume(primary, caller, null, 7200).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void createRole_trustNamingMissingPrincipal_isMalformed() {
        String missing = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/does-not-exist";
        try (IamClient iam = primary.iam()) {
            assertThatThrownBy(() -> iam.createRole(
                            b -> b.roleName(name("bad")).assumeRolePolicyDocument(trustAws(missing, null))))
                    .isInstanceOf(MalformedPolicyDocumentException.class)
                    .hasMessageContaining("Invalid principal in policy");
        }
    }
}
