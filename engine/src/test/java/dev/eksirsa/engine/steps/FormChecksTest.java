package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.StepResult;
import java.util.List;
import java.util.Map;
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

    /** A step whose parser complains about another field than the one a form checks. */
    private static final Step<Object, StepResult> OTHER_FIELD_COMPLAINS = new Step<>() {
        @Override
        public String command() {
            return "stub";
        }

        @Override
        public String pipelineName() {
            return "stub";
        }

        @Override
        public ArgumentSet arguments() {
            return ArgumentSet.of(
                    List.of(Arg.string("checked", "The field the form checks."), Arg.string("other", "Another.")));
        }

        @Override
        public Map<String, Object> minimalArguments() {
            return Map.of();
        }

        @Override
        public List<String> resultKeys() {
            return List.of();
        }

        @Override
        public Object parse(Map<String, ?> arguments) {
            throw new InvalidInputException(
                    "checked".equals(arguments.get("checked")) ? "checked" : "other", "is wrong");
        }

        @Override
        public StepResult run(Object spec, StepContext context) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aComplaintAboutAnotherField_isLeftToThatFieldsCheck() {
        assertThat(FormChecks.check(OTHER_FIELD_COMPLAINS, "checked", "fine")).isEmpty();
        assertThat(FormChecks.check(OTHER_FIELD_COMPLAINS, "checked", "checked"))
                .contains("is wrong");
    }
}
