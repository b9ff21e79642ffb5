package dev.eksirsa.engine.aws.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    @Test
    void parse_stringsAndListsAndStarPrincipal_readsThemAllAsLists() {
        PolicyDocument doc = PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"A1\","
                + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":true}}}}");

        PolicyStatement s = doc.statements().get(0);
        assertThat(s.sid()).isEqualTo("A1");
        assertThat(s.principals()).containsEntry("AWS", List.of("*"));
        assertThat(s.actions()).containsExactly("sts:AssumeRole", "sts:TagSession");
        assertThat(s.conditions().get("Bool")).containsEntry("aws:SecureTransport", List.of("true"));
    }

    @Test
    void write_thenParse_givesTheSameDocument() {
        PolicyDocument doc = PolicyDocument.of(List.of(
                TrustPolicies.crossAccount("arn:aws:iam::111122223333:role/r1", "ext-1"),
                TrustPolicies.webIdentity(
                                "arn:aws:iam::111122223333:oidc-provider/oidc.example/id/AB",
                                "oidc.example/id/AB",
                                List.of("system:serviceaccount:a:b"),
                                "sts.amazonaws.com")
                        .get(0)));

        assertThat(PolicyJson.parse(doc.toJson())).isEqualTo(doc);
        assertThat(doc.toJson()).contains("\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/r1\"}");
    }

    @Test
    void parseFromIam_urlEncodedDocument_isDecoded() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\","
                + "\"Resource\":\"arn:aws:s3:::b/a b\"}]}";
        String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(PolicyJson.parseFromIam(encoded).statements().get(0).resources())
                .containsExactly("arn:aws:s3:::b/a b");
    }

    @Test
    void parse_malformedDocuments_sayWhatIsWrong() {
        assertThatThrownBy(() -> PolicyJson.parse("{not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PolicyJson.parse("{\"Version\": \"2012-10-17\", \"Statement\": []} {}"))
                .hasMessageContaining("content after the document");
        assertThatThrownBy(() -> PolicyJson.parse("{\"Version\": \"2012-10-17\", \"Statement\": [],}"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> PolicyJson.parse(
                        "{\"Version\": \"2012-10-17\",\n \"Version\": \"2008-10-17\", \"Statement\": []}"))
                .hasMessageContaining("a key appears twice")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PolicyJson.parse("{AKIASECRETLOOKING")).hasMessageNotContaining("AKIASECRETLOOKING");
        assertThatThrownBy(() -> PolicyJson.parse("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"a:b\"}]}"))
                .hasMessageContaining("Effect must be Allow or Deny");
        assertThatThrownBy(() -> PolicyJson.parse("{\"Statement\":[{\"Effect\":\"Allow\"}]}"))
                .hasMessageContaining("Action or NotAction");
        assertThatThrownBy(() -> PolicyJson.parse(
                        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a:b\"," + "\"Resources\":\"*\"}]}"))
                .hasMessageContaining("unknown statement element Resources");
        assertThatThrownBy(() -> PolicyJson.parse("{\"Version\":\"2020-01-01\",\"Statement\":[]}"))
                .isInstanceOf(MalformedPolicyException.class);
    }

    @Test
    void toMap_nestsStatementsAsMaps() {
        Map<String, Object> map = PolicyDocument.of(
                        List.of(TrustPolicies.assumeRoles(List.of("arn:aws:iam::111122223333:role/a"))))
                .toMap();

        assertThat(map).containsEntry("Version", "2012-10-17");
        assertThat(map.get("Statement")).isInstanceOf(List.class);
    }
}
