package dev.eksirsa.sandbox.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/app";
    private static final String SESSION_ARN = "arn:aws:sts::111122223333:assumed-role/app/session-1";
    private static final String TARGET_ROLE = "arn:aws:iam::111122223333:role/target";
    private static final String ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
    private static final String PROVIDER_ARN = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;

    private static final PrincipalRef APP_SESSION = PrincipalRef.aws(ACCOUNT, ROLE_ARN, SESSION_ARN);
    private static final PrincipalRef OTHER_ACCOUNT_SESSION = PrincipalRef.aws(
            OTHER_ACCOUNT, "arn:aws:iam::444455556666:role/app", "arn:aws:sts::444455556666:assumed-role/app/s");

    // ---- identity policies: Effect, Action, Resource -------------------------------------------------------

    @Test
    void evaluate_allowAndDenyBothApply_explicitDeny() {
        PolicyDocument allow = identity("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");
        PolicyDocument deny = identity("{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(List.of(allow, deny), request("s3:GetObject", "arn:aws:s3:::b/k")))
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(List.of(allow), request("s3:GetObject", "arn:aws:s3:::b/k")))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void evaluate_noStatementApplies_implicitDeny() {
        PolicyDocument allow = identity("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("s3:PutObject", "arn:aws:s3:::b/k")))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(List.of(), request("s3:GetObject", "arn:aws:s3:::b/k")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_actionInOtherCase_matches() {
        PolicyDocument allow = identity("{\"Effect\":\"Allow\",\"Action\":\"STS:assumerole\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("sts:AssumeRole", TARGET_ROLE)))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void evaluate_actionWithStarAndQuestionMark_matchesAsWildcards() {
        PolicyDocument allow =
                identity("{\"Effect\":\"Allow\",\"Action\":[\"ec2:Describe*\",\"iam:GetRol?\"],\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("ec2:DescribeRegions", "*")))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(allow, request("iam:GetRole", "*"))).isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(allow, request("iam:GetRolePolicy", "*")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_resourceInOtherCase_doesNotMatch() {
        PolicyDocument allow =
                identity("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + TARGET_ROLE + "\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("sts:AssumeRole", TARGET_ROLE)))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(allow, request("sts:AssumeRole", TARGET_ROLE.toUpperCase())))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_resourceWithWildcard_matchesRolesItCovers() {
        PolicyDocument allow = identity(
                "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::*:role/tar?et*\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("sts:AssumeRole", TARGET_ROLE)))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(allow, request("sts:AssumeRole", "arn:aws:iam::111122223333:role/app")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_managedPolicyArnAsResource_doesNotMatchRole() {
        PolicyDocument allow = identity("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"arn:aws:iam::aws:policy/AmazonS3FullAccess\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("sts:AssumeRole", TARGET_ROLE)))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_notAction_appliesToEveryOtherAction() {
        PolicyDocument allow = identity("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(allow, request("s3:GetObject", "*")))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(allow, request("iam:CreateRole", "*")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_notResource_appliesToEveryOtherResource() {
        PolicyDocument deny =
                identity("{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"NotResource\":\"" + TARGET_ROLE + "\"}");

        assertThat(PolicyEvaluator.evaluate(deny, request("sts:AssumeRole", ROLE_ARN)))
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(deny, request("sts:AssumeRole", TARGET_ROLE)))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    // ---- conditions ------------------------------------------------------------------------------------------

    @Test
    void stringEquals_starInPolicyValue_isLiteralNotWildcard() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"k:sub\":\"system:serviceaccount:ns:*\"}");

        assertThat(evaluate(allow, Map.of("k:sub", List.of("system:serviceaccount:ns:sa"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(allow, Map.of("k:sub", List.of("system:serviceaccount:ns:*"))))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void stringEquals_valueInOtherCase_doesNotMatch() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"k:v\":\"Value\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("value")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void stringEqualsIgnoreCase_valueInOtherCase_matches() {
        PolicyDocument allow = withCondition("\"StringEqualsIgnoreCase\":{\"k:v\":\"Value\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("VALUE")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void stringNotEqualsIgnoreCase_valueInOtherCase_doesNotHold() {
        PolicyDocument allow = withCondition("\"StringNotEqualsIgnoreCase\":{\"k:v\":\"Value\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("VALUE")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(allow, Map.of("k:v", List.of("other")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void stringLike_questionMark_matchesExactlyOneCharacter() {
        PolicyDocument allow = withCondition("\"StringLike\":{\"k:v\":\"sa-?\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("sa-1")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:v", List.of("sa-")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(allow, Map.of("k:v", List.of("sa-12")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void stringLike_star_matchesAnyRunIncludingEmpty() {
        PolicyDocument allow = withCondition("\"StringLike\":{\"k:sub\":\"system:serviceaccount:ns:*\"}");

        assertThat(evaluate(allow, Map.of("k:sub", List.of("system:serviceaccount:ns:sa"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:sub", List.of("system:serviceaccount:ns:"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:sub", List.of("system:serviceaccount:other:sa"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void stringNotLike_matchingValue_doesNotHold() {
        PolicyDocument allow = withCondition("\"StringNotLike\":{\"k:v\":\"dev-*\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("dev-1")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(allow, Map.of("k:v", List.of("prod-1")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void positiveOperator_keyMissing_doesNotHold() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"k:v\":\"x\"}");

        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void negatedOperator_keyMissing_holds() {
        PolicyDocument allow = withCondition("\"StringNotEquals\":{\"k:v\":\"x\"}");

        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:v", List.of("x")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void conditionKey_differentCaseInRequest_isFound() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"sts:ExternalId\":\"abc\"}");

        assertThat(evaluate(allow, Map.of("STS:externalid", List.of("abc")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void conditionValues_ofOneKey_areOred() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"k:v\":[\"a\",\"b\"]}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("b")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:v", List.of("c")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void conditionKeys_underOneOperator_areAnded() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"k:a\":\"1\",\"k:b\":\"2\"}");

        assertThat(evaluate(allow, Map.of("k:a", List.of("1"), "k:b", List.of("2"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:a", List.of("1"), "k:b", List.of("3"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void conditionOperators_ofOneStatement_areAnded() {
        PolicyDocument allow = withCondition("\"StringEquals\":{\"k:a\":\"1\"},\"StringLike\":{\"k:b\":\"x*\"}");

        assertThat(evaluate(allow, Map.of("k:a", List.of("1"), "k:b", List.of("xy"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:a", List.of("1"), "k:b", List.of("yy"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void ifExists_keyMissing_holds() {
        PolicyDocument allow = withCondition("\"StringEqualsIfExists\":{\"k:v\":\"x\"}");

        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.ALLOW);
    }

    @Test
    void ifExists_keyPresentWithOtherValue_doesNotHold() {
        PolicyDocument allow = withCondition("\"StringEqualsIfExists\":{\"k:v\":\"x\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("y")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(allow, Map.of("k:v", List.of("x")))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void forAllValues_keyMissingOrEmpty_holds() {
        PolicyDocument allow = withCondition("\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}");

        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of()))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void forAllValues_everyRequestValueMustMatch() {
        PolicyDocument allow = withCondition("\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}");

        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of("a", "b")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of("a", "c")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void forAllValues_negatedOperator_appliesToEachValue() {
        // from the IAM docs: ForAllValues:StringNotLike key1* matches [key2:audit] but not [key1:legal]
        PolicyDocument allow = withCondition("\"ForAllValues:StringNotLike\":{\"aws:TagKeys\":\"key1*\"}");

        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of("key2:audit"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of("key1:legal"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void forAnyValue_keyMissing_doesNotHold() {
        PolicyDocument allow = withCondition("\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"a\"}");

        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void forAnyValue_oneMatchingRequestValue_holds() {
        PolicyDocument allow = withCondition("\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"a\"}");

        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of("z", "a")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:TagKeys", List.of("z", "y")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void arnLike_wildcardInOneArnPart_matchesThatPartOnly() {
        PolicyDocument allow = withCondition("\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/app\"}");

        assertThat(evaluate(allow, Map.of("aws:PrincipalArn", List.of(ROLE_ARN))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:PrincipalArn", List.of("arn:aws:iam::111122223333:role/app2"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void arnLike_starInAccountPart_doesNotSpanColons() {
        PolicyDocument allow = withCondition("\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:role/app\"}");

        assertThat(evaluate(allow, Map.of("aws:SourceArn", List.of("arn:aws:iam::1:2:role/app"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void arnEquals_exactArn_matchesCaseSensitively() {
        PolicyDocument allow = withCondition("\"ArnEquals\":{\"aws:PrincipalArn\":\"" + ROLE_ARN + "\"}");

        assertThat(evaluate(allow, Map.of("aws:PrincipalArn", List.of(ROLE_ARN))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:PrincipalArn", List.of(ROLE_ARN.replace("app", "App")))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void arnNotLike_matchingArn_doesNotHold() {
        PolicyDocument allow = withCondition("\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/adm*\"}");

        assertThat(evaluate(allow, Map.of("aws:PrincipalArn", List.of("arn:aws:iam::1:role/admin"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluate(allow, Map.of("aws:PrincipalArn", List.of(ROLE_ARN))))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void bool_jsonBooleanInPolicy_comparesWithRequestText() {
        PolicyDocument deny = identity("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":false}}}");

        assertThat(PolicyEvaluator.evaluate(
                        deny, request("s3:GetObject", "*", Map.of("aws:SecureTransport", List.of("false")))))
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(
                        deny, request("s3:GetObject", "*", Map.of("aws:SecureTransport", List.of("true")))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void null_true_holdsOnlyWhenKeyMissing() {
        PolicyDocument allow = withCondition("\"Null\":{\"k:v\":\"true\"}");

        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("k:v", List.of("x")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void null_false_holdsOnlyWhenKeyPresent() {
        PolicyDocument allow = withCondition("\"Null\":{\"k:v\":\"false\"}");

        assertThat(evaluate(allow, Map.of("k:v", List.of("x")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void numericLessThan_comparesNumbersNotText() {
        PolicyDocument allow = withCondition("\"NumericLessThan\":{\"sts:DurationSeconds\":3601}");

        assertThat(evaluate(allow, Map.of("sts:DurationSeconds", List.of("900"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("sts:DurationSeconds", List.of("43200"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void dateLessThan_comparesInstants() {
        PolicyDocument allow = withCondition("\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}");

        assertThat(evaluate(allow, Map.of("aws:CurrentTime", List.of("2029-12-31T23:59:59Z"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:CurrentTime", List.of("2030-01-01T00:00:01Z"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        // 01:00 UTC on 1 January 2030 although the text sorts before the policy value
        assertThat(evaluate(allow, Map.of("aws:CurrentTime", List.of("2029-12-31T23:00:00-02:00"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void dateGreaterThan_acceptsEpochSecondsInRequest() {
        PolicyDocument allow = withCondition("\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}");

        assertThat(evaluate(allow, Map.of("aws:CurrentTime", List.of("1700000000"))))
                .isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:CurrentTime", List.of("1500000000"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void ipAddress_cidrBlock_containsAddress() {
        PolicyDocument allow = withCondition("\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}");

        assertThat(evaluate(allow, Map.of("aws:SourceIp", List.of("10.1.2.3")))).isEqualTo(Decision.ALLOW);
        assertThat(evaluate(allow, Map.of("aws:SourceIp", List.of("11.1.2.3")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    // ---- principals (trust policies) ---------------------------------------------------------------------------

    @Test
    void accountIdPrincipal_roleOfThatAccount_matches_roleOfOtherAccount_doesNot() {
        PolicyDocument trust = trust("{\"AWS\":\"" + ACCOUNT + "\"}", "sts:AssumeRole", "");

        assertThat(assumeRole(trust, APP_SESSION)).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(trust, OTHER_ACCOUNT_SESSION)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void accountRootPrincipal_roleOfThatAccount_matches_roleOfOtherAccount_doesNot() {
        PolicyDocument trust = trust("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "sts:AssumeRole", "");

        assertThat(assumeRole(trust, APP_SESSION)).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(trust, OTHER_ACCOUNT_SESSION)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void roleArnPrincipal_sessionOfThatRole_matches_otherRoleOfSameAccount_doesNot() {
        PolicyDocument trust = trust("{\"AWS\":\"" + ROLE_ARN + "\"}", "sts:AssumeRole", "");
        PrincipalRef otherRole = PrincipalRef.aws(
                ACCOUNT, "arn:aws:iam::111122223333:role/other", "arn:aws:sts::111122223333:assumed-role/other/s");

        assertThat(assumeRole(trust, APP_SESSION)).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(trust, otherRole)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void sessionArnPrincipal_matchesOnlyThatSession() {
        PolicyDocument trust = trust("{\"AWS\":\"" + SESSION_ARN + "\"}", "sts:AssumeRole", "");
        PrincipalRef otherSession =
                PrincipalRef.aws(ACCOUNT, ROLE_ARN, "arn:aws:sts::111122223333:assumed-role/app/session-2");

        assertThat(assumeRole(trust, APP_SESSION)).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(trust, otherSession)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void userArnPrincipal_matchesThatUser() {
        String user = "arn:aws:iam::111122223333:user/jenkins";
        PolicyDocument trust = trust("{\"AWS\":[\"" + ROLE_ARN + "\",\"" + user + "\"]}", "sts:AssumeRole", "");

        assertThat(assumeRole(trust, PrincipalRef.aws(ACCOUNT, user))).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(trust, PrincipalRef.aws(ACCOUNT, "arn:aws:iam::111122223333:user/other")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void wildcardPrincipal_matchesEveryCaller() {
        PolicyDocument star = trust("\"*\"", "sts:AssumeRole", "");
        PolicyDocument awsStar = trust("{\"AWS\":\"*\"}", "sts:AssumeRole", "");

        assertThat(assumeRole(star, OTHER_ACCOUNT_SESSION)).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(awsStar, OTHER_ACCOUNT_SESSION)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void awsWildcardPrincipal_anonymousCaller_matchesLikeStar() {
        PolicyDocument awsStar = trust("{\"AWS\":\"*\"}", "sts:AssumeRole", "");

        assertThat(assumeRole(awsStar, null)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void awsAccountPrincipal_federatedCallerOfThatAccount_doesNotMatch() {
        PolicyDocument trust = trust("{\"AWS\":\"" + ACCOUNT + "\"}", "sts:AssumeRoleWithWebIdentity", "");
        RequestContext federated = new RequestContext(
                "sts:AssumeRoleWithWebIdentity",
                TARGET_ROLE,
                new PrincipalRef(Principals.FEDERATED, List.of(PROVIDER_ARN), ACCOUNT),
                Map.of());

        assertThat(PolicyEvaluator.evaluate(trust, federated)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void servicePrincipal_matchesThatServiceOnly() {
        PolicyDocument trust =
                trust("{\"Service\":\"pods.eks.amazonaws.com\"}", "[\"sts:AssumeRole\",\"sts:TagSession\"]", "");
        RequestContext pods = new RequestContext(
                "sts:AssumeRole", TARGET_ROLE, PrincipalRef.service("pods.eks.amazonaws.com"), Map.of());
        RequestContext ec2 =
                new RequestContext("sts:AssumeRole", TARGET_ROLE, PrincipalRef.service("ec2.amazonaws.com"), Map.of());

        assertThat(PolicyEvaluator.evaluate(trust, pods)).isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(trust, ec2)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void notPrincipalWithDeny_deniesEveryoneButTheNamedPrincipal() {
        PolicyDocument trust = parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ACCOUNT
                        + "\"},\"Action\":\"sts:AssumeRole\"},"
                        + "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + ROLE_ARN
                        + "\"},\"Action\":\"sts:AssumeRole\"}]}",
                PolicyKind.TRUST);
        PrincipalRef otherRole = PrincipalRef.aws(ACCOUNT, "arn:aws:iam::111122223333:role/other");

        assertThat(assumeRole(trust, APP_SESSION)).isEqualTo(Decision.ALLOW);
        assertThat(assumeRole(trust, otherRole)).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void trustNamesCallerDirectly_roleArnYes_accountRootNo() {
        PolicyDocument byRole = trust("{\"AWS\":\"" + ROLE_ARN + "\"}", "sts:AssumeRole", "");
        PolicyDocument byAccount = trust("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "sts:AssumeRole", "");
        RequestContext ctx = new RequestContext("sts:AssumeRole", TARGET_ROLE, APP_SESSION, Map.of());

        assertThat(PolicyEvaluator.trustNamesCallerDirectly(byRole, ctx)).isTrue();
        assertThat(PolicyEvaluator.trustNamesCallerDirectly(byAccount, ctx)).isFalse();
    }

    // ---- the IRSA trust policy eksctl writes ----------------------------------------------------------------------

    private static final String IRSA_CONDITION = ",\"Condition\":{\"StringEquals\":{\"" + ISSUER
            + ":sub\":\"system:serviceaccount:ns:sa\",\"" + ISSUER + ":aud\":\"sts.amazonaws.com\"}}";

    @Test
    void irsaTrust_matchingSubAndAud_allows() {
        PolicyDocument trust = irsaTrust(IRSA_CONDITION);

        assertThat(webIdentity(
                        trust,
                        Map.of(
                                ISSUER + ":sub", List.of("system:serviceaccount:ns:sa"),
                                ISSUER + ":aud", List.of("sts.amazonaws.com"))))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void irsaTrust_otherServiceAccount_implicitDeny() {
        PolicyDocument trust = irsaTrust(IRSA_CONDITION);

        assertThat(webIdentity(
                        trust,
                        Map.of(
                                ISSUER + ":sub", List.of("system:serviceaccount:other:sa"),
                                ISSUER + ":aud", List.of("sts.amazonaws.com"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void irsaTrust_otherAudience_implicitDeny() {
        PolicyDocument trust = irsaTrust(IRSA_CONDITION);

        assertThat(webIdentity(
                        trust,
                        Map.of(
                                ISSUER + ":sub", List.of("system:serviceaccount:ns:sa"),
                                ISSUER + ":aud", List.of("https://kubernetes.default.svc"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void irsaTrust_tokenOfOtherProvider_implicitDeny() {
        PolicyDocument trust = irsaTrust(IRSA_CONDITION);
        RequestContext other = new RequestContext(
                "sts:AssumeRoleWithWebIdentity",
                TARGET_ROLE,
                PrincipalRef.federated(
                        "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/XYZ"),
                Map.of(
                        ISSUER + ":sub",
                        List.of("system:serviceaccount:ns:sa"),
                        ISSUER + ":aud",
                        List.of("sts.amazonaws.com")));

        assertThat(PolicyEvaluator.evaluate(trust, other)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void irsaTrust_otherAction_implicitDeny() {
        PolicyDocument trust = irsaTrust(IRSA_CONDITION);
        RequestContext assumeRole = new RequestContext(
                "sts:AssumeRole",
                TARGET_ROLE,
                PrincipalRef.federated(PROVIDER_ARN),
                Map.of(
                        ISSUER + ":sub",
                        List.of("system:serviceaccount:ns:sa"),
                        ISSUER + ":aud",
                        List.of("sts.amazonaws.com")));

        assertThat(PolicyEvaluator.evaluate(trust, assumeRole)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static PolicyDocument irsaTrust(String condition) {
        return trust("{\"Federated\":\"" + PROVIDER_ARN + "\"}", "sts:AssumeRoleWithWebIdentity", condition);
    }

    private static Decision webIdentity(PolicyDocument trust, Map<String, List<String>> keys) {
        return PolicyEvaluator.evaluate(
                trust,
                new RequestContext(
                        "sts:AssumeRoleWithWebIdentity", TARGET_ROLE, PrincipalRef.federated(PROVIDER_ARN), keys));
    }

    private static Decision assumeRole(PolicyDocument trust, PrincipalRef caller) {
        return PolicyEvaluator.evaluate(trust, new RequestContext("sts:AssumeRole", TARGET_ROLE, caller, Map.of()));
    }

    /** {@code actions} is either a bare action or a JSON array text. */
    private static PolicyDocument trust(String principal, String actions, String conditionTail) {
        String action = actions.startsWith("[") ? actions : "\"" + actions + "\"";
        return parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                        + ",\"Action\":" + action + conditionTail + "}]}",
                PolicyKind.TRUST);
    }

    private static PolicyDocument identity(String statement) {
        return parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}", PolicyKind.IDENTITY);
    }

    private static PolicyDocument withCondition(String operators) {
        return identity("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{"
                + operators + "}}");
    }

    private static Decision evaluate(PolicyDocument policy, Map<String, List<String>> keys) {
        return PolicyEvaluator.evaluate(policy, request("s3:GetObject", "arn:aws:s3:::b/k", keys));
    }

    private static RequestContext request(String action, String resource) {
        return request(action, resource, Map.of());
    }

    private static RequestContext request(String action, String resource, Map<String, List<String>> keys) {
        return new RequestContext(action, resource, null, keys);
    }

    private static PolicyDocument parse(String json, PolicyKind kind) {
        try {
            return PolicyDocument.parse(json, kind);
        } catch (MalformedPolicyException e) {
            throw new AssertionError("test policy rejected: " + e.getMessage() + "\n" + json, e);
        }
    }
}
