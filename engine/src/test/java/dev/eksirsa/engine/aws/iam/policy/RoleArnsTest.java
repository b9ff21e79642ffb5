package dev.eksirsa.engine.aws.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleArnsTest {

    @Test
    void explain_managedPolicyArn_saysWhatItIsAndWhatIsExpected() {
        assertThat(RoleArns.explain("arn:aws:iam::aws:policy/AmazonS3FullAccess", "assumeRoleArns"))
                .isEqualTo("is a managed policy ARN, not a role ARN;"
                        + " assumeRoleArns takes role ARNs like arn:aws:iam::123456789012:role/name");
    }

    @Test
    void notARoleBecause_namesEachKind() {
        assertThat(RoleArns.notARoleBecause("arn:aws:iam::123456789012:user/bob"))
                .hasValue("a user ARN");
        assertThat(RoleArns.notARoleBecause("arn:aws:iam::123456789012:role/*")).hasValue("a wildcard");
        assertThat(RoleArns.notARoleBecause("*")).hasValue("a wildcard");
        assertThat(RoleArns.notARoleBecause("arn:aws:s3:::bucket")).hasValue("a s3 ARN");
        assertThat(RoleArns.notARoleBecause("arn:aws:iam::123456789012:root")).hasValue("an account root ARN");
        assertThat(RoleArns.notARoleBecause("arn:aws:iam::123456789012:policy/mine"))
                .hasValue("a managed policy ARN");
        assertThat(RoleArns.notARoleBecause("arn:aws-xx:iam::123456789012:role/a"))
                .hasValueSatisfying(v -> assertThat(v).contains("unknown partition aws-xx"));
        assertThat(RoleArns.notARoleBecause("arn:aws:iam::12345:role/a"))
                .hasValueSatisfying(v -> assertThat(v).contains("not a valid role ARN"));
        assertThat(RoleArns.notARoleBecause("Role-2")).hasValue("not an ARN");
    }

    @Test
    void isRoleArn_acceptsEveryPartitionAndPaths() {
        assertThat(RoleArns.isRoleArn("arn:aws:iam::123456789012:role/Role-2")).isTrue();
        assertThat(RoleArns.isRoleArn("arn:aws-cn:iam::123456789012:role/ci/Role-2"))
                .isTrue();
        assertThat(RoleArns.isRoleArn("arn:aws-us-gov:iam::123456789012:role/a/b/Role_2"))
                .isTrue();
    }

    @Test
    void assumeRoleTargets_findsTheTutorialsMistakeButNotOrdinaryPolicies() {
        assertThat(AssumeRoleTargets.problems(PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                        + "\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":"
                        + "\"arn:aws-cn:iam::aws:policy/AmazonS3FullAccess\"}]}")))
                .singleElement()
                .asString()
                .contains("which is a managed policy ARN, not a role ARN")
                .contains("arn:aws-cn:iam::123456789012:role/name");
        assertThat(AssumeRoleTargets.problems(PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                        + "\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::bucket\"},{"
                        + "\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":"
                        + "[\"arn:aws:iam::123456789012:role/r\",\"arn:aws:iam::*:role/ci-*\"]}]}")))
                .isEmpty();
    }
}
