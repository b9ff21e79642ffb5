package dev.eksirsa.engine.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a setup file's documents into groups that may run concurrently: consecutive documents of one kind, where
 * none refers to a result of that kind (which would make it wait for a document of its own group).
 */
final class DocumentGroups {
    private DocumentGroups() {}

    static List<List<SetupDocument>> of(List<SetupDocument> documents) {
        List<List<SetupDocument>> groups = new ArrayList<>();
        List<SetupDocument> current = new ArrayList<>();
        for (SetupDocument document : documents) {
            boolean joins = !current.isEmpty()
                    && current.get(0).kind().equals(document.kind())
                    && !refersToItsOwnKind(document);
            if (!joins && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(document);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static boolean refersToItsOwnKind(SetupDocument document) {
        var matcher = References.REFERENCE.matcher(String.valueOf(document.arguments()));
        while (matcher.find()) {
            if (matcher.group(1).equals(document.kind())) {
                return true;
            }
        }
        return false;
    }
}
