package dev.eksirsa.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    private static final ArgumentSet CONNECTION = ArgumentSet.of(List.of(
                    Arg.string("profile", "Profile."), Arg.string("roleArn", "Role."), Arg.string("externalId", "Id.")))
            .oneOf("profile", "roleArn");
    private static final ArgumentSet ITEM = ArgumentSet.of(
            List.of(Arg.string("roleName", "Name.").asRequired(), Arg.object("connection", "Where.", CONNECTION)));
    private static final ArgumentSet STEP = ArgumentSet.of(List.of(
                    Arg.string("name", "Name.").asRequired(),
                    Arg.bool("create", "Create."),
                    Arg.of("size", ArgType.INTEGER, "Size.").defaultsTo(2, "2"),
                    Arg.of("timeout", ArgType.DURATION, "Timeout."),
                    Arg.of("ids", ArgType.LIST, "Ids."),
                    Arg.of("tags", ArgType.MAP, "Tags."),
                    Arg.of("policies", ArgType.DOCUMENTS, "Policies."),
                    Arg.string("profile", "Profile."),
                    Arg.string("credentialsId", "Credentials."),
                    Arg.string("namespace", "Namespace."),
                    Arg.string("serviceAccount", "Service account."),
                    Arg.objectList("targets", "Targets.", ITEM)))
            .exclusive("profile", "credentialsId")
            .together("namespace", "serviceAccount");

    @Test
    void parse_typedValuesAndDefaults() {
        Arguments a = STEP.parse(Map.of(
                "name",
                "c1",
                "create",
                true,
                "timeout",
                "20m",
                "ids",
                List.of("a", "b"),
                "tags",
                Map.of("k", "v"),
                "policies",
                Map.of("p", Map.of("Version", "2012-10-17"))));

        assertThat(a.string("name")).isEqualTo("c1");
        assertThat(a.bool("create")).isTrue();
        assertThat(a.integer("size")).isEqualTo(2);
        assertThat(a.duration("timeout")).isEqualTo(Duration.ofMinutes(20));
        assertThat(a.strings("ids")).containsExactly("a", "b");
        assertThat(a.map("tags")).containsEntry("k", "v");
        assertThat(a.documents("policies")).containsEntry("p", "{\"Version\":\"2012-10-17\"}");
        assertThat(a.has("size")).isFalse();
        Arguments defaults = STEP.parse(Map.of("name", new StringBuilder("c1"), "size", 5L));
        assertThat(defaults.string("name")).isEqualTo("c1");
        assertThat(defaults.bool("create")).isFalse();
        assertThat(defaults.integer("size")).isEqualTo(5);
    }

    @Test
    void unknownKey_isRefusedNamingItsPath() {
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c1", "nmae", "x")))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("nmae");
        assertThatThrownBy(() -> STEP.parse(Map.of(
                        "name",
                        "c1",
                        "targets",
                        List.of(
                                Map.of("roleName", "a", "connection", Map.of("profile", "p")),
                                Map.of("roleName", "b", "connection", Map.of("roleArn", "x", "rolArn", "y"))))))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("targets[1].connection.rolArn");
    }

    @Test
    void missingRequiredNestedKey_namesTheIndexedPath() {
        assertThatThrownBy(() -> STEP.parse(
                        Map.of("name", "c1", "targets", List.of(Map.of("connection", Map.of("profile", "p"))))))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("targets[0].roleName");
    }

    @Test
    void wrongTypes_areRefusedWithoutQuotingTheValue() {
        assertThatThrownBy(() -> STEP.parse(Map.of("name", 1.30)))
                .hasMessageContaining("invalid name: must be a string, not a number; quote it")
                .hasMessageNotContaining("1.3");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "create", "yes")))
                .hasMessage("invalid create: must be true or false, not a string");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "size", "3")))
                .hasMessage("invalid size: must be a whole number, not a string");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "size", 3_000_000_000L)))
                .hasMessageContaining("invalid size: must be a whole number");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "ids", "a")))
                .hasMessage("invalid ids: must be a list of strings, not a string");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "ids", List.of("a", 7))))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("ids[1]");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "tags", List.of("a"))))
                .hasMessage("invalid tags: must be a map, not a list");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "timeout", "AKIASECRETVALUE")))
                .hasMessage("invalid timeout: must be a duration like 500ms, 90s, 20m or 1h");
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "targets", Map.of())))
                .hasMessage("invalid targets: must be a list of maps, not a map");
    }

    @Test
    void conflictingKeys_areRefused() {
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "profile", "p", "credentialsId", "id")))
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("credentialsId");
        assertThatThrownBy(() -> STEP.parse(Map.of(
                        "name",
                        "c",
                        "targets",
                        List.of(Map.of("roleName", "a", "connection", Map.of("profile", "p", "roleArn", "r"))))))
                .hasMessageContaining("invalid targets[0].connection: needs exactly one of [profile, roleArn]");
        assertThatThrownBy(() -> STEP.parse(Map.of(
                        "name",
                        "c",
                        "targets",
                        List.of(Map.of("roleName", "a", "connection", Map.of("externalId", "e"))))))
                .hasMessageContaining("invalid targets[0].connection: needs exactly one of [profile, roleArn]");
    }

    @Test
    void keysThatGoTogether_needEachOther() {
        assertThatThrownBy(() -> STEP.parse(Map.of("name", "c", "namespace", "ns")))
                .hasMessage("invalid serviceAccount: is required together with [namespace]");
        assertThat(STEP.parse(Map.of("name", "c", "namespace", "ns", "serviceAccount", "sa"))
                        .string("serviceAccount"))
                .isEqualTo("sa");
    }

    @Test
    void nullValue_countsAsAbsent() {
        java.util.Map<String, Object> raw = new java.util.HashMap<>();
        raw.put("name", "c");
        raw.put("size", null);
        assertThat(STEP.parse(raw).integer("size")).isEqualTo(2);
    }

    @Test
    void declarations_refuseDuplicatesAndBadNames() {
        assertThatThrownBy(() -> ArgumentSet.of(List.of(Arg.string("a", "A."), Arg.string("a", "B."))))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> Arg.string("Bad-name", "x")).hasMessageContaining("camelCase");
        assertThatThrownBy(() -> Arg.string("a", "two\nlines")).hasMessageContaining("one-line");
        assertThatThrownBy(() -> ArgumentSet.of(List.of(Arg.string("a", "A."))).oneOf("a", "b"))
                .hasMessageContaining("undeclared");
    }
}
