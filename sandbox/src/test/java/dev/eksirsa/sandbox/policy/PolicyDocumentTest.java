package dev.eksirsa.sandbox.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentTest {

    private static final String PROVIDER_ARN =
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC";

    // ---- JSON and structure ------------------------------------------------------------------------------------

    @Test
    void parse_invalidJson_syntaxErrors() {
        assertRejected("{\"Version\":\"2012-10-17\",\"Statement\":[", PolicyKind.IDENTITY, "Syntax errors in policy.");
    }

    @Test
    void parse_trailingTextAfterDocument_syntaxErrors() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}") + "}",
                PolicyKind.IDENTITY,
                "Syntax errors in policy.");
    }

    @Test
    void parse_unknownVersion_syntaxErrors() {
        assertRejected(
                "{\"Version\":\"2012-10-18\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
                PolicyKind.IDENTITY,
                "Syntax errors in policy.");
    }

    @Test
    void parse_version2008OrNone_accepted() throws Exception {
        String statement = "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}";

        assertThat(PolicyDocument.parse("{\"Version\":\"2008-10-17\"," + statement + "}", PolicyKind.IDENTITY)
                        .version())
                .isEqualTo("2008-10-17");
        assertThat(PolicyDocument.parse("{" + statement + "}", PolicyKind.IDENTITY)
                        .version())
                .isNull();
    }

    @Test
    void parse_missingStatement_syntaxErrors() {
        assertRejected("{\"Version\":\"2012-10-17\"}", PolicyKind.IDENTITY, "Syntax errors in policy.");
    }

    @Test
    void parse_unknownStatementElement_syntaxErrors() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Actions\":\"x\"}"),
                PolicyKind.IDENTITY,
                "Syntax errors in policy.");
    }

    @Test
    void parse_effectNeitherAllowNorDeny_syntaxErrors() {
        assertRejected(
                identityJson("{\"Effect\":\"Permit\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Syntax errors in policy.");
    }

    @Test
    void parse_effectInLowerCase_failsLegacyParsing() {
        assertRejected(
                identityJson("{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "The policy failed legacy parsing");
    }

    @Test
    void parse_actionAndNotAction_syntaxErrors() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Syntax errors in policy.");
    }

    @Test
    void parse_actionNotAStringOrList_syntaxErrors() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":{\"s3\":\"*\"},\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Syntax errors in policy.");
    }

    @Test
    void parse_stringAndListForms_giveSameStatement() throws Exception {
        PolicyDocument strings = PolicyDocument.parse(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY);
        PolicyDocument lists = PolicyDocument.parse(
                identityJson("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"*\"]}"),
                PolicyKind.IDENTITY);

        assertThat(lists).isEqualTo(strings);
        assertThat(strings.statements().get(0).actions()).containsExactly("s3:GetObject");
    }

    // ---- identity policies -----------------------------------------------------------------------------------------

    @Test
    void parse_identityWithoutAction_mustContainActions() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Policy statement must contain actions.");
    }

    @Test
    void parse_identityWithoutResource_mustContainResources() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}"),
                PolicyKind.IDENTITY,
                "Policy statement must contain resources.");
    }

    @Test
    void parse_identityWithPrincipal_shouldNotSpecifyPrincipal() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Policy document should not specify a principal.");
    }

    @Test
    void parse_identityActionWithoutVendor_mustBePrefacedByVendor() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }

    @Test
    void parse_identityResourceNotArn_mustBeArnOrStar() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"my-bucket\"}"),
                PolicyKind.IDENTITY,
                "Resource my-bucket must be in ARN format or \"*\".");
    }

    // ---- trust policies
    // ----------------------------------------------------------------------------------------------

    @Test
    void parse_trustWithoutPrincipal_missingRequiredFieldPrincipal() {
        assertRejected(
                trustJson("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}"),
                PolicyKind.TRUST,
                "Missing required field Principal");
    }

    @Test
    void parse_trustWithResource_hasProhibitedFieldResource() {
        assertRejected(
                trustJson(
                        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"),
                PolicyKind.TRUST,
                "Has prohibited field Resource");
    }

    @Test
    void parse_trustWithoutAction_missingRequiredFieldAction() {
        assertRejected(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"}}"),
                PolicyKind.TRUST,
                "Missing required field Action");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3:GetObject", "sts:GetCallerIdentity", "*", "iam:PassRole"})
    void parse_trustWithNonAssumeRoleAction_mayOnlySpecifyStsAssumeRoleActions(String action) {
        assertRejected(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"" + action
                        + "\"}"),
                PolicyKind.TRUST,
                "AssumeRole policy may only specify STS AssumeRole actions.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sts:AssumeRole",
                "sts:AssumeRoleWithWebIdentity",
                "sts:AssumeRoleWithSAML",
                "sts:TagSession",
                "sts:SetSourceIdentity",
                "sts:SetContext"
            })
    void parse_trustWithAssumeRoleAction_accepted(String action) throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"" + action
                        + "\"}"),
                PolicyKind.TRUST);

        assertThat(doc.statements().get(0).actions()).containsExactly(action);
    }

    @Test
    void parse_irsaTrustPolicy_readsFederatedPrincipalAndConditions() throws Exception {
        String issuer = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
        PolicyDocument doc = PolicyDocument.parse(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + PROVIDER_ARN
                        + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                        + issuer + ":sub\":\"system:serviceaccount:ns:sa\",\"" + issuer
                        + ":aud\":\"sts.amazonaws.com\"}}}"),
                PolicyKind.TRUST);

        Statement s = doc.statements().get(0);
        assertThat(s.principals().ids(Principals.FEDERATED)).containsExactly(PROVIDER_ARN);
        assertThat(s.conditions())
                .containsExactly(
                        new Condition("StringEquals", issuer + ":sub", List.of("system:serviceaccount:ns:sa")),
                        new Condition("StringEquals", issuer + ":aud", List.of("sts.amazonaws.com")));
    }

    @Test
    void parse_awsPrincipalNotAnAccountOrArn_invalidPrincipal() {
        assertRejected(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"jenkins\"},\"Action\":\"sts:AssumeRole\"}"),
                PolicyKind.TRUST,
                "Invalid principal in policy: \"AWS\":\"jenkins\"");
    }

    @Test
    void parse_awsPrincipalArnWithPartialWildcard_invalidPrincipal() {
        assertRejected(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/*\"},"
                        + "\"Action\":\"sts:AssumeRole\"}"),
                PolicyKind.TRUST,
                "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:role/*\"");
    }

    @Test
    void invalidPrincipal_message_isWordedAsIam() {
        assertThat(MalformedPolicyException.invalidPrincipal("AWS", "arn:aws:iam::111122223333:role/missing")
                        .getMessage())
                .isEqualTo("Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:role/missing\"");
    }

    // ---- conditions and Sids --------------------------------------------------------------------------------------

    @Test
    void parse_unknownConditionOperator_invalidConditionType() {
        assertRejected(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEqual\":{\"aws:username\":\"x\"}}}"),
                PolicyKind.IDENTITY,
                "Invalid Condition type : StringEqual");
    }

    @Test
    void parse_qualifiedOperatorWithIfExists_accepted() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                identityJson("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":[\"a*\",\"b\"]}}}"),
                PolicyKind.IDENTITY);

        assertThat(doc.statements().get(0).conditions())
                .containsExactly(new Condition("ForAnyValue:StringLikeIfExists", "aws:TagKeys", List.of("a*", "b")));
    }

    @Test
    void parse_numberAndBooleanConditionValues_keptAsText() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                identityJson(
                        "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":true},\"NumericLessThan\":{\"s3:max-keys\":[10]}}}"),
                PolicyKind.IDENTITY);

        assertThat(doc.statements().get(0).conditions())
                .containsExactly(
                        new Condition("Bool", "aws:SecureTransport", List.of("true")),
                        new Condition("NumericLessThan", "s3:max-keys", List.of("10")));
    }

    @Test
    void parse_duplicateSids_mustBeUnique() {
        assertRejected(
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                        + "{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}",
                PolicyKind.IDENTITY,
                "Statement IDs (SID) in a single policy must be unique.");
    }

    @Test
    void parse_repeatedEmptySids_accepted() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"},"
                        + "{\"Sid\":\"\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                        + "\"Action\":\"sts:TagSession\"}]}",
                PolicyKind.TRUST);

        assertThat(doc.statements()).hasSize(2);
    }

    @Test
    void parse_sidWithPunctuation_mustBeAlphanumeric() {
        assertRejected(
                identityJson("{\"Sid\":\"allow-s3\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
                PolicyKind.IDENTITY,
                "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
    }

    // ---- output helpers
    // ----------------------------------------------------------------------------------------------

    @Test
    void toJson_compactCanonicalForm_keepsOrderAndRoundTrips() throws Exception {
        String json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
                + "    {\"Sid\": \"Second\", \"Action\": [\"sts:AssumeRoleWithWebIdentity\"], \"Effect\": \"Allow\","
                + " \"Principal\": {\"Federated\": \"" + PROVIDER_ARN + "\"},"
                + " \"Condition\": {\"StringEquals\": {\"k:aud\": \"sts.amazonaws.com\", \"k:sub\": [\"a\", \"b\"]}}},\n"
                + "    {\"Sid\": \"First\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"sts:TagSession\"}\n"
                + "  ]\n}";
        PolicyDocument doc = PolicyDocument.parse(json, PolicyKind.TRUST);

        assertThat(doc.toJson())
                .isEqualTo(
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                                + "{\"Sid\":\"Second\",\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                                + PROVIDER_ARN + "\"},"
                                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                                + "\"Condition\":{\"StringEquals\":{\"k:aud\":\"sts.amazonaws.com\",\"k:sub\":[\"a\",\"b\"]}}},"
                                + "{\"Sid\":\"First\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:TagSession\"}]}");
        assertThat(PolicyDocument.parse(doc.toJson(), PolicyKind.TRUST)).isEqualTo(doc);
    }

    @Test
    void normalize_bareAccountId_becomesRootArn() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                trustJson("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "[\"111122223333\",\"arn:aws:iam::444455556666:role/r\"]},\"Action\":\"sts:AssumeRole\"}"),
                PolicyKind.TRUST);

        assertThat(doc.statements().get(0).principals().ids(Principals.AWS)).contains("111122223333");
        assertThat(doc.normalize().statements().get(0).principals().byType())
                .isEqualTo(
                        Map.of("AWS", List.of("arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/r")));
    }

    @Test
    void principalArns_listsUserAndRoleArns_notAccountsOrWildcards() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:root\","
                        + "\"arn:aws:iam::111122223333:role/a\",\"*\"]},\"Action\":\"sts:AssumeRole\"},"
                        + "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:user/u\"},"
                        + "\"Action\":\"sts:AssumeRole\"},"
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER_ARN + "\"},"
                        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}",
                PolicyKind.TRUST);

        assertThat(doc.principalArns())
                .containsExactly("arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:user/u");
        assertThat(doc.principalIds(Principals.FEDERATED)).containsExactly(PROVIDER_ARN);
    }

    @Test
    void nonWhitespaceLength_ignoresWhitespaceOnly() {
        assertThat(PolicyDocument.nonWhitespaceLength("{ \"a\" :\n\t\"b c\" }")).isEqualTo(10);
    }

    @Test
    void nonWhitespaceLength_ofDocument_countsCanonicalJson() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(
                identityJson("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"),
                PolicyKind.IDENTITY);

        assertThat(doc.nonWhitespaceLength()).isEqualTo(doc.toJson().length());
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------------

    private static String identityJson(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static String trustJson(String statement) {
        return identityJson(statement);
    }

    private static void assertRejected(String json, PolicyKind kind, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(json, kind))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(message);
    }
}
