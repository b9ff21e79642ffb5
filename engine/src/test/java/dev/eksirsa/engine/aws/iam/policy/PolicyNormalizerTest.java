package dev.eksirsa.engine.aws.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyNormalizerTest {
    private final PolicyNormalizer normalizer = new PolicyNormalizer("aws");

    @Test
    void equivalent_stringVsListOrderCaseAndAccountIdVsRoot_areTheSame() {
        PolicyDocument mine = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
        PolicyDocument iams = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\"]},"
                + "\"Action\":[\"sts:tagsession\",\"STS:AssumeRole\"]}]}");

        assertThat(normalizer.equivalent(mine, iams)).isTrue();
    }

    @Test
    void equivalent_differentSubject_isDifferent() {
        String template = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EksIrsaWebIdentity\",\"Effect\":"
                + "\"Allow\",\"Principal\":{\"Federated\":\"p\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"o:sub\":\"%s\"}}}]}";

        assertThat(normalizer.equivalent(
                        PolicyDocument.parse(template.formatted("system:serviceaccount:a:b")),
                        PolicyDocument.parse(template.formatted("system:serviceaccount:a:c"))))
                .isFalse();
    }
}
