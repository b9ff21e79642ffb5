package dev.eksirsa.engine.aws.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
    private static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/oidc.example/id/AB";
    private static final String HOST = "oidc.example/id/AB";

    @Test
    void evaluate_irsaTrust_allowsOnlyTheNamedServiceAccountAndAudience() {
        PolicyDocument trust = PolicyDocument.of(
                TrustPolicies.webIdentity(PROVIDER, HOST, List.of("system:serviceaccount:ns:sa"), "sts.amazonaws.com"));

        assertThat(web(trust, "system:serviceaccount:ns:sa", "sts.amazonaws.com"))
                .isEqualTo(Decision.ALLOW);
        assertThat(web(trust, "system:serviceaccount:ns:other", "sts.amazonaws.com"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(web(trust, "system:serviceaccount:other:sa", "sts.amazonaws.com"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(web(trust, "system:serviceaccount:ns:sa", "other")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_patternSubject_usesStringLike() {
        PolicyDocument trust = PolicyDocument.of(TrustPolicies.webIdentity(
                PROVIDER, HOST, List.of("system:serviceaccount:ns:app-*"), "sts.amazonaws.com"));

        assertThat(trust.statements().get(0).conditions()).containsKey("StringLike");
        assertThat(web(trust, "system:serviceaccount:ns:app-1", "sts.amazonaws.com"))
                .isEqualTo(Decision.ALLOW);
        assertThat(web(trust, "system:serviceaccount:ns:db", "sts.amazonaws.com"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_wildcardUnderStringEquals_matchesOnlyLiterally() {
        PolicyDocument trust = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"" + HOST + ":sub\":\"system:serviceaccount:ns:*\"}}}]}");

        assertThat(web(trust, "system:serviceaccount:ns:sa", "sts.amazonaws.com"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_denyWinsOverAllow() {
        PolicyDocument allow = PolicyDocument.of(List.of(TrustPolicies.assumeRoles(List.of("*"))));
        PolicyDocument deny = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"sts:*\",\"Resource\":\"arn:aws:iam::*:role/secret-*\"}]}");

        assertThat(PolicyEvaluator.evaluate(
                        List.of(allow, deny),
                        EvaluationRequest.identity("sts:AssumeRole", "arn:aws:iam::111122223333:role/secret-1")))
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(
                        List.of(allow, deny),
                        EvaluationRequest.identity("sts:AssumeRole", "arn:aws:iam::111122223333:role/open")))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void evaluate_tutorialsRole1Policy_neverAllowsAssumingARole() {
        PolicyDocument tutorial = PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::aws:policy/AmazonS3FullAccess\"}]}");

        assertThat(PolicyEvaluator.evaluate(
                        tutorial,
                        EvaluationRequest.identity("sts:AssumeRole", "arn:aws:iam::222233334444:role/Role-2")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_crossAccountTrust_needsTheExternalIdAndTheExactRole() {
        PolicyDocument trust =
                PolicyDocument.of(List.of(TrustPolicies.crossAccount("arn:aws:iam::111122223333:role/r1", "ext-1")));

        assertThat(PolicyEvaluator.evaluate(trust, cross("arn:aws:iam::111122223333:role/r1", "ext-1")))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(trust, cross("arn:aws:iam::111122223333:role/r1", null)))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(trust, cross("arn:aws:iam::111122223333:role/r2", "ext-1")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_accountRootPrincipal_matchesEveryRoleOfTheAccount() {
        PolicyDocument trust = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}]}");

        assertThat(PolicyEvaluator.evaluate(trust, cross("arn:aws:iam::111122223333:role/any", null)))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(trust, cross("arn:aws:iam::999988887777:role/any", null)))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    private static Decision web(PolicyDocument trust, String sub, String aud) {
        return PolicyEvaluator.evaluate(
                trust,
                EvaluationRequest.trust(
                        "Federated",
                        PROVIDER,
                        "sts:AssumeRoleWithWebIdentity",
                        Map.of(HOST + ":sub", List.of(sub), HOST + ":aud", List.of(aud))));
    }

    private static EvaluationRequest cross(String caller, String externalId) {
        return EvaluationRequest.trust(
                "AWS",
                caller,
                "sts:AssumeRole",
                externalId == null ? Map.of() : Map.of("sts:ExternalId", List.of(externalId)));
    }

    private static PolicyDocument doc(String statements) {
        return PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    @Test
    void evaluate_notAction_allowsEverythingElseOnly() {
        PolicyDocument policy = doc("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(
                        policy, EvaluationRequest.identity("sts:AssumeRole", "arn:aws:iam::111122223333:role/r")))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(policy, EvaluationRequest.identity("iam:CreateRole", "*")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_principals_anyoneAccountRootAndOtherTypes() {
        String role = "arn:aws:iam::111122223333:role/irsa";
        PolicyDocument anyone =
                doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}");
        PolicyDocument account = doc(
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}");
        PolicyDocument other = doc(
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\"}");

        assertThat(PolicyEvaluator.evaluate(anyone, EvaluationRequest.trust("AWS", role, "sts:AssumeRole", Map.of())))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(account, EvaluationRequest.trust("AWS", role, "sts:AssumeRole", Map.of())))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(other, EvaluationRequest.trust("AWS", role, "sts:AssumeRole", Map.of())))
                .isEqualTo(Decision.IMPLICIT_DENY);
        // "AWS": "*" is not a federated principal
        assertThat(PolicyEvaluator.evaluate(
                        anyone,
                        EvaluationRequest.trust("Federated", PROVIDER, "sts:AssumeRoleWithWebIdentity", Map.of())))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_forAllValues_needsEveryValueToMatch() {
        String role = "arn:aws:iam::111122223333:role/irsa";
        PolicyDocument policy = doc(
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + role
                        + "\"},\"Action\":\"sts:TagSession\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"env\"]}}}");

        assertThat(PolicyEvaluator.evaluate(
                        policy,
                        EvaluationRequest.trust(
                                "AWS", role, "sts:TagSession", Map.of("aws:TagKeys", List.of("team", "env")))))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(
                        policy,
                        EvaluationRequest.trust(
                                "AWS", role, "sts:TagSession", Map.of("aws:TagKeys", List.of("team", "owner")))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }
}
