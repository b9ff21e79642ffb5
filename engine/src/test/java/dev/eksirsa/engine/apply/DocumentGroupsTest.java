package dev.eksirsa.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentGroupsTest {

    private static SetupDocument doc(int index, int ordinal, String kind, Map<String, Object> arguments) {
        return new SetupDocument(index, ordinal, kind, arguments);
    }

    private static List<List<Integer>> indexes(List<List<SetupDocument>> groups) {
        return groups.stream()
                .map(g -> g.stream().map(SetupDocument::index).toList())
                .toList();
    }

    @Test
    void consecutiveDocumentsOfOneKind_formAGroup_andAnotherKindStartsTheNext() {
        List<SetupDocument> documents = List.of(
                doc(0, 0, "eksIrsaCluster", Map.of("name", "c")),
                doc(1, 0, "irsaRole", Map.of("cluster", "${eksIrsaCluster.name}")),
                doc(2, 1, "irsaRole", Map.of("cluster", "${eksIrsaCluster.name}")),
                doc(3, 2, "irsaRole", Map.of("cluster", "c")),
                doc(4, 0, "harnessDelegate", Map.of("cluster", "c")),
                doc(5, 3, "irsaRole", Map.of("cluster", "c")));

        assertThat(indexes(DocumentGroups.of(documents)))
                .containsExactly(List.of(0), List.of(1, 2, 3), List.of(4), List.of(5));
    }

    @Test
    void aDocumentReferringToItsOwnKind_waitsForTheGroupBeforeIt() {
        List<SetupDocument> documents = List.of(
                doc(0, 0, "irsaRole", Map.of("roleName", "a")),
                doc(1, 1, "irsaRole", Map.of("assumeRoleArns", List.of("${irsaRole[0].roleArn}"))),
                doc(2, 2, "irsaRole", Map.of("roleName", "c")));

        assertThat(indexes(DocumentGroups.of(documents))).containsExactly(List.of(0), List.of(1, 2));
    }
}
