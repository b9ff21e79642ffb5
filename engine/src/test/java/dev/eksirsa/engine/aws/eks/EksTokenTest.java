package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EksTokenTest {
    @Test
    void toString_redactsTheBearerToken() {
        EksToken token = new EksToken("k8s-aws-v1.c2VjcmV0LXByZXNpZ25lZC11cmw", Instant.EPOCH, Instant.EPOCH);
        assertThat(token.toString()).doesNotContain("c2VjcmV0").contains("****");
        assertThat(String.valueOf(java.util.List.of(token))).doesNotContain("c2VjcmV0");
    }
}
