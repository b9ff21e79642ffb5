package dev.eksirsa.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Setup files: documents, kinds and references checked before any call. */
class SetupFileTest {

    private static void refused(String yaml, String field, String rule) {
        assertThatThrownBy(() -> SetupFile.parse(yaml)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).contains(rule);
        });
    }

    @Test
    void theShippedExample_parses_withItsReferences() throws Exception {
        List<SetupDocument> documents =
                SetupFile.parse(Files.readString(Path.of("..", "docs", "examples", "setup.yaml")));
        assertThat(documents)
                .extracting(SetupDocument::kind)
                .containsExactly("eksIrsaCluster", "irsaRole", "harnessDelegate", "verifyIrsa");
    }

    @Test
    void kindsAndReferences_areCheckedBeforeAnyCall() {
        refused("name: x\n", "documents[0].kind", "is required");
        refused("kind: eksCluster\nname: x\n", "documents[0].kind", "must be one of");
        refused("kind: irsaRole\ncluster: ${eksIrsaCluster.name}\n", "documents[0].cluster", "no earlier document");
        refused(
                "kind: eksIrsaCluster\nname: a\n---\nkind: irsaRole\ncluster: ${eksIrsaCluster.nmae}\n",
                "documents[1].cluster",
                "does not return");
        refused(
                "kind: eksIrsaCluster\nname: a\n---\nkind: irsaRole\ncluster: ${eksIrsaCluster[1].name}\n",
                "documents[1].cluster",
                "no earlier document");
        refused(
                "kind: eksIrsaCluster\nname: a\n---\nkind: irsaRole\ncluster: ${cluster}\n",
                "documents[1].cluster",
                "not a reference");
        refused("kind: eksIrsaCluster\nname: a\nname: b\n", "file", "");
    }

    @Test
    void aWholeReference_keepsItsValue_andTextGetsItWrittenIn() {
        List<SetupDocument> documents = SetupFile.parse(
                """
                kind: eksIrsaCluster
                name: a
                ---
                kind: irsaRole
                assumeRoleArns: ${eksIrsaCluster.changes}
                description: role of ${eksIrsaCluster.name} in ${eksIrsaCluster.region}
                """);
        Map<String, List<Map<String, Object>>> results = Map.of(
                "eksIrsaCluster", List.of(Map.of("name", "prod", "region", "eu-west-1", "changes", List.of("x"))));

        Map<String, Object> resolved = References.resolve(documents.get(1), results);

        assertThat(resolved.get("assumeRoleArns")).isEqualTo(List.of("x"));
        assertThat(resolved.get("description")).isEqualTo("role of prod in eu-west-1");
    }
}
