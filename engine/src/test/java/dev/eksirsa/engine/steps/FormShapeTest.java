package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.role.IrsaRoleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maps as maps in a Pipeline, as key/value entries in a form: both reach the engine as the same spec. */
class FormShapeTest {

    private static Map<String, Object> pipeline() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", "prod");
        args.put("namespace", "apps");
        args.put("serviceAccount", "web");
        args.put("tags", Map.of("team", "platform"));
        args.put(
                "inlinePolicies",
                Map.of(
                        "read",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*")))));
        args.put(
                "targetRoles",
                List.of(Map.of(
                        "roleName", "Role-2",
                        "connection", Map.of("credentialsId", "aws-shared"),
                        "tags", Map.of("owner", "a"))));
        return args;
    }

    @Test
    void toForm_turnsEveryDeclaredMapIntoEntries_nestedOnesToo() {
        Map<String, Object> form = FormShape.toForm(pipeline(), Steps.ROLE.arguments());

        assertThat(form.get("tags")).isEqualTo(List.of(Map.of("key", "team", "value", "platform")));
        assertThat(form.get("inlinePolicies").toString())
                .contains("name=read", "document={\"", "\"Version\":\"2012-10-17\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((List<?>) form.get("targetRoles")).get(0);
        assertThat(target.get("tags")).isEqualTo(List.of(Map.of("key", "owner", "value", "a")));
        assertThat(target.get("connection")).isEqualTo(Map.of("credentialsId", "aws-shared"));
        assertThat(form.get("cluster")).isEqualTo("prod");
    }

    @Test
    void bothShapes_parseToTheSameSpec() {
        IrsaRoleSpec fromPipeline = Steps.ROLE.parse(FormShape.toArguments(pipeline(), Steps.ROLE.arguments()));
        Map<String, Object> form = FormShape.toForm(pipeline(), Steps.ROLE.arguments());
        IrsaRoleSpec fromForm = Steps.ROLE.parse(FormShape.toArguments(form, Steps.ROLE.arguments()));

        assertThat(fromForm).isEqualTo(fromPipeline);
        assertThat(fromForm.tags()).containsEntry("team", "platform");
        assertThat(fromForm.targetRoles().get(0).tags()).containsEntry("owner", "a");
    }

    @Test
    void entries_withoutAKey_orRepeated_orWithStrangeKeys_areRefusedByPath() {
        Map<String, Object> noKey = Map.of("tags", List.of(Map.of("value", "x")));
        assertThatThrownBy(() -> FormShape.toArguments(noKey, Steps.ROLE.arguments()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags[0].key"));
        Map<String, Object> twice =
                Map.of("tags", List.of(Map.of("key", "a", "value", "1"), Map.of("key", "a", "value", "2")));
        assertThatThrownBy(() -> FormShape.toArguments(twice, Steps.ROLE.arguments()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags[1].key"));
        Map<String, Object> strange = Map.of("tags", List.of(Map.of("key", "a", "vaule", "1")));
        assertThatThrownBy(() -> FormShape.toArguments(strange, Steps.ROLE.arguments()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags[0].vaule"));
        Map<String, Object> notAMap = Map.of("tags", List.of("team=a"));
        assertThatThrownBy(() -> FormShape.toArguments(notAMap, Steps.ROLE.arguments()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags[0]"));
    }

    @Test
    void normalizeForm_readsListsByLine_andLeavesEmptyChoicesOut() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("policyArns", "arn:aws:iam::aws:policy/A\n\n  arn:aws:iam::aws:policy/B  \n");
        form.put("maxSessionDuration", "");
        form.put("stsRegionalEndpoints", "");
        form.put("tokenExpiration", "86400");
        FormShape.normalizeForm(form, Steps.ROLE.arguments());

        assertThat(form.get("policyArns")).isEqualTo(List.of("arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"));
        assertThat(form)
                .doesNotContainKeys("maxSessionDuration", "stsRegionalEndpoints")
                .containsEntry("tokenExpiration", "86400");

        Map<String, Object> chosen = new LinkedHashMap<>(Map.of("stsRegionalEndpoints", "true"));
        assertThat(FormShape.normalizeForm(chosen, Steps.ROLE.arguments())).containsEntry("stsRegionalEndpoints", true);
    }
}
