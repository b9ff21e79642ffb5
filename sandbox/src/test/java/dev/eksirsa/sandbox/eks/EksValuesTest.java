package dev.eksirsa.sandbox.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.sandbox.http.AwsError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EksValuesTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void lifecycle_followsTheClock() {
        Lifecycle creating = Lifecycle.creating(T0, T0.plusSeconds(2));
        assertThat(creating.active(T0.plusSeconds(1))).isFalse();
        assertThat(creating.active(T0.plusSeconds(2))).isTrue();
        Lifecycle deleting = creating.deleting(T0.plusSeconds(5), T0.plusSeconds(7));
        assertThat(deleting.active(T0.plusSeconds(6))).isFalse();
        assertThat(deleting.gone(T0.plusSeconds(6))).isFalse();
        assertThat(deleting.gone(T0.plusSeconds(7))).isTrue();
    }

    @Test
    void page_walksWithNextToken_andRejectsBadInput() {
        List<String> names = List.of("a", "b", "c");
        Page<String> first = Page.of(names, "2", null);
        assertThat(first.items()).containsExactly("a", "b");
        Page<String> second = Page.of(names, "2", first.nextToken());
        assertThat(second.items()).containsExactly("c");
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> Page.of(names, "0", null)).isInstanceOf(AwsError.class);
        assertThatThrownBy(() -> Page.of(names, null, "garbage!")).isInstanceOf(AwsError.class);
    }

    @Test
    void roleTrust_needsAnAllowForTheServiceWithAssumeRole() {
        String eks = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":[\"eks.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}";
        assertThat(RoleTrust.trustsService(eks, "eks.amazonaws.com")).isTrue();
        assertThat(RoleTrust.trustsService(eks, "ec2.amazonaws.com")).isFalse();
        assertThat(RoleTrust.trustsService(eks.replace("Allow", "Deny"), "eks.amazonaws.com"))
                .isFalse();
        assertThat(RoleTrust.trustsService(eks.replace("sts:AssumeRole", "sts:TagSession"), "eks.amazonaws.com"))
                .isFalse();
    }

    @Test
    void clusterName_validatedAsEksDoes() {
        ClusterOperations.validateName("demo-1_a");
        assertThatThrownBy(() -> ClusterOperations.validateName("_demo"))
                .isInstanceOf(AwsError.class)
                .hasMessageContaining("regular expression pattern");
        assertThatThrownBy(() -> ClusterOperations.validateName("a".repeat(101)))
                .isInstanceOf(AwsError.class)
                .hasMessageContaining("length less than or equal to 100");
    }

    @Test
    void principals_matchSessionsToRolesWhateverThePath() {
        var role = Principals.roleOfSession("arn:aws:sts::111122223333:assumed-role/ci/build-7")
                .orElseThrow();
        assertThat(Principals.sameRole("arn:aws:iam::111122223333:role/teams/ci", role.accountId(), role.roleName()))
                .isTrue();
        assertThat(Principals.sameRole("arn:aws:iam::444455556666:role/ci", role.accountId(), role.roleName()))
                .isFalse();
        assertThat(Principals.defaultUsername("arn:aws:iam::111122223333:role/teams/ci"))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/ci/{{SessionName}}");
    }
}
