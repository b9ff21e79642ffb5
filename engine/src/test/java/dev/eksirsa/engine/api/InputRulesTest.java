package dev.eksirsa.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::111122223333:role/eks",
                "arn:aws-cn:iam::111122223333:role/path/to/eks",
                "arn:aws-us-gov:iam::111122223333:role/eks+=,.@-_"
            })
    void roleArn_everyPartition_isAccepted(String arn) {
        assertThat(InputRules.roleArn("clusterRoleArn", arn)).isEqualTo(arn);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws-iso:iam::111122223333:role/eks",
                "arn:aws:iam::11112222333:role/eks",
                "arn:aws:iam::111122223333:user/eks",
                "arn:aws:sts::111122223333:assumed-role/eks/s",
                "arn:aws:iam::111122223333:role/"
            })
    void roleArn_malformed_namesFieldAndRule(String arn) {
        assertThatThrownBy(() -> InputRules.roleArn("clusterRoleArn", arn))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("clusterRoleArn");
                    assertThat(e.rule()).contains("aws|aws-cn|aws-us-gov");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "cn-north-1", "us-gov-west-1", "ap-southeast-5"})
    void region_real_isAccepted(String region) {
        assertThat(InputRules.region("region", region)).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "us-east", "US-EAST-1", "useast1", "us-east-1a"})
    void region_malformed_isRejected(String region) {
        assertThatThrownBy(() -> InputRules.region("region", region)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://oidc.example.com/id/1", "oidc.example.com", "https:///x", "https://h/x?q=1"})
    void httpsIssuer_notHttps_isRejected(String url) {
        assertThatThrownBy(() -> InputRules.httpsIssuer("oidcIssuer", url))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("oidcIssuer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"subnet-0123abcd", "subnet-0123456789abcdef0"})
    void subnetId_valid_isAccepted(String id) {
        assertThat(InputRules.subnetId("subnetIds", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subnet-0123abc", "subnet-0123ABCD", "sub-01234567", "subnet-0123456789abcdef01"})
    void subnetId_invalid_isRejected(String id) {
        assertThatThrownBy(() -> InputRules.subnetId("subnetIds", id)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", "a b", "a.b", ""})
    void clusterName_invalid_isRejected(String name) {
        assertThatThrownBy(() -> InputRules.clusterName("name", name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid name: ");
    }

    @Test
    void tag_withAControlCharacter_namesTheRealRule() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputRules.tag("tags", "team", "a\u001b[31mred"))
                .hasMessageContaining("tag values may hold only")
                .hasMessageNotContaining("0-256");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputRules.tag("tags", "aws:x", "v"))
                .hasMessageContaining("reserved by AWS");
    }

    @Test
    void errorMessages_showControlCharactersEscaped() {
        InvalidInputException e = new InvalidInputException("roleName", "\"bad\u001b[2J\nforged line\" is not a name");

        assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\n").contains("\\u001b", "\\u000a");
        assertThat(e.rule()).doesNotContain("\u001b");
    }
}
