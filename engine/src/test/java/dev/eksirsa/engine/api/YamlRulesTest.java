package dev.eksirsa.engine.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YamlRulesTest {

    @Test
    void refuseAliasesAndTags_plainMapsListsAndCoreTags_pass() {
        assertThatCode(() -> YamlRules.refuseAliasesAndTags(
                        "file", "a: 1\nb: [x, 'y', \"z\"]\nc: !!str 1.30\nd: !!map {e: !!int 3}\n---\nf: g\n"))
                .doesNotThrowAnyException();
    }

    @Test
    void refuseAliasesAndTags_anAlias_isRefusedNamingTheLineNotTheText() {
        assertThatThrownBy(() -> YamlRules.refuseAliasesAndTags("spec", "a: &anchor-secret x\nb: *anchor-secret\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid spec: uses an anchor (&name) at line 1")
                .hasMessageNotContaining("anchor-secret");
    }

    @Test
    void refuseAliasesAndTags_javaAndBinaryTags_areRefused() {
        assertThatThrownBy(
                        () -> YamlRules.refuseAliasesAndTags("manifest", "a: !!javax.script.ScriptEngineManager [x]\n"))
                .hasMessageContaining("uses a type tag (!tag) at line 1");
        assertThatThrownBy(() -> YamlRules.refuseAliasesAndTags("manifest", "a: b\nc: !!binary aGk=\n"))
                .hasMessageContaining("at line 2");
        assertThatThrownBy(() -> YamlRules.refuseAliasesAndTags("manifest", "a: !!str {b: 1}\n"))
                .hasMessageContaining("type tag");
    }
}
