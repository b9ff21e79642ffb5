package dev.eksirsa.engine.role;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.iam.OidcProviderRef;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyJson;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three hop checks that run before any write: each refuses a chain that would still be broken. */
class ChainCheckTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF";
    private static final OidcProviderRef PROVIDER =
            OidcProviderRef.of("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER);
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/irsa";
    private static final String TARGET = "arn:aws:iam::444455556666:role/Role-2";
    private static final ServiceAccountRef SA = new ServiceAccountRef("harness-delegate-ng", "delegate");

    private static PolicyDocument policy(String statements) {
        return PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    private static String webIdentityAllow(String sub) {
        return "{\"Sid\":\"EksIrsaTrust\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER.arn()
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + ISSUER
                + ":sub\":\"" + sub + "\",\"" + ISSUER + ":aud\":\"sts.amazonaws.com\"}}}";
    }

    @Test
    void webIdentity_allowedTrust_passes() {
        assertThatCode(() -> ChainCheck.webIdentity(
                        ROLE, policy(webIdentityAllow(SA.subject())), PROVIDER, List.of(SA), "sts.amazonaws.com"))
                .doesNotThrowAnyException();
    }

    @Test
    void webIdentity_aForeignDenyKeptInTheTrust_isRefused() {
        String deny = "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + PROVIDER.arn()
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}";
        assertThatThrownBy(() -> ChainCheck.webIdentity(
                        ROLE,
                        policy(webIdentityAllow(SA.subject()) + "," + deny),
                        PROVIDER,
                        List.of(SA),
                        "sts.amazonaws.com"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(ROLE)
                .hasMessageContaining(SA.toString());
    }

    @Test
    void webIdentity_wrongAudience_isRefused() {
        assertThatThrownBy(() -> ChainCheck.webIdentity(
                        ROLE, policy(webIdentityAllow(SA.subject())), PROVIDER, List.of(SA), "other-audience"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void identity_inlineDenyOnTheTarget_isRefusedAsBadInput() {
        String allow = "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + TARGET + "\"}";
        String deny = "{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}";
        assertThatCode(() -> ChainCheck.identity(List.of(policy(allow)), List.of(TARGET)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ChainCheck.identity(List.of(policy(allow), policy(deny)), List.of(TARGET)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid inlinePolicies")
                .hasMessageContaining(TARGET);
    }

    @Test
    void crossAccount_targetTrustMustAllowTheRoleWithTheExternalId() {
        String trust = "{\"Sid\":\"EksIrsaAssume\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROLE
                + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ext-1\"}}}";
        assertThatCode(() -> ChainCheck.crossAccount(TARGET, policy(trust), ROLE, "ext-1"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ChainCheck.crossAccount(TARGET, policy(trust), ROLE, "ext-2"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(TARGET);
        String deny = "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + ROLE + "\"},\"Action\":\"sts:AssumeRole\"}";
        assertThatThrownBy(() -> ChainCheck.crossAccount(TARGET, policy(trust + "," + deny), ROLE, "ext-1"))
                .isInstanceOf(ConflictException.class);
    }
}
