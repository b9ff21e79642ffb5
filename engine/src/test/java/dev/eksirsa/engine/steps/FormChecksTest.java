package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A form field is checked with the rule a run would apply, and only that field's rule. */
class FormChecksTest {

    @Test
    void aBrokenValue_getsTheEnginesRule() {
        assertThat(FormChecks.check(Steps.CLUSTER, "name", "-bad_name")).isPresent();
        assertThat(FormChecks.check(Steps.ROLE, "roleArn", "arn:aws:iam::123:policy/x"))
                .isPresent();
        assertThat(FormChecks.check(Steps.ROLE, "timeout", "soon")).isPresent();
        assertThat(FormChecks.check(Steps.ROLE, "maxSessionDuration", "ten"))
                .get()
                .asString()
                .contains("whole number");
        assertThat(FormChecks.check(Steps.ROLE, "namespace", "Apps!")).isPresent();
        assertThat(FormChecks.check(Steps.ROLE, "serviceAccounts", "apps/web\napps/Not_A_Name"))
                .isPresent();
    }

    @Test
    void goodValues_andBlankOptionalOnes_pass() {
        assertThat(FormChecks.check(Steps.CLUSTER, "name", "prod")).isEmpty();
        assertThat(FormChecks.check(Steps.ROLE, "timeout", "20m")).isEmpty();
        assertThat(FormChecks.check(Steps.ROLE, "roleArn", "arn:aws:iam::111122223333:role/deployer"))
                .isEmpty();
        assertThat(FormChecks.check(Steps.ROLE, "serviceAccounts", "apps/web\napps/worker"))
                .isEmpty();
        assertThat(FormChecks.check(Steps.ROLE, "roleName", "")).isEmpty();
    }

    @Test
    void aRequiredField_leftBlank_isReported() {
        assertThat(FormChecks.check(Steps.CLUSTER, "name", " ")).contains("is required");
    }
}
