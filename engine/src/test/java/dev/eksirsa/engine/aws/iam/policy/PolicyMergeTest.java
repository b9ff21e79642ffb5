package dev.eksirsa.engine.aws.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyMergeTest {
    private static final PolicyStatement FOREIGN = PolicyStatement.trust(
            null, Map.of("Service", List.of("ec2.amazonaws.com")), List.of("sts:AssumeRole"), null);
    private static final PolicyStatement STALE = PolicyStatement.trust(
            "EksIrsaOld",
            Map.of("AWS", List.of("arn:aws:iam::111122223333:role/old")),
            List.of("sts:AssumeRole"),
            null);
    private static final PolicyStatement WANTED = TrustPolicies.crossAccount("arn:aws:iam::111122223333:role/r1", null);

    @Test
    void replaceOurs_keepsStatementsWithoutOurSidAndDropsStaleOnes() {
        PolicyDocument merged = PolicyMerge.replaceOurs(PolicyDocument.of(List.of(FOREIGN, STALE)), List.of(WANTED));

        assertThat(merged.statements()).containsExactly(FOREIGN, WANTED);
    }

    @Test
    void addOurs_removesNothing() {
        PolicyDocument merged = PolicyMerge.addOurs(PolicyDocument.of(List.of(FOREIGN, STALE)), List.of(WANTED));

        assertThat(merged.statements()).containsExactly(FOREIGN, STALE, WANTED);
    }

    @Test
    void removeOurs_leavesOthersOrNothing() {
        assertThat(PolicyMerge.removeOurs(PolicyDocument.of(List.of(FOREIGN, WANTED))))
                .hasValueSatisfying(d -> assertThat(d.statements()).containsExactly(FOREIGN));
        assertThat(PolicyMerge.removeOurs(PolicyDocument.of(List.of(WANTED)))).isEmpty();
    }

    @Test
    void builders_writeSidsStartingWithEksIrsa() {
        assertThat(WANTED.ours()).isTrue();
        assertThat(TrustPolicies.assumeRoles(List.of("arn:aws:iam::111122223333:role/a"))
                        .sid())
                .startsWith("EksIrsa");
        assertThat(TrustPolicies.webIdentity("p", "h", List.of("s", "t*"), "a"))
                .extracting(PolicyStatement::sid)
                .containsExactly("EksIrsaWebIdentity", "EksIrsaWebIdentityPattern");
    }
}
