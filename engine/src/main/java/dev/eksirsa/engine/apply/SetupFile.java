package dev.eksirsa.engine.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.delegate.ManifestYaml;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.Steps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A setup file: one YAML document per step ({@code kind: eksIrsaCluster | irsaRole | harnessDelegate | verifyIrsa},
 * then that step's arguments), read strictly (duplicate keys, tabs, bad indentation refused naming the line, never
 * quoting the text). References to earlier results are checked here, before any call (see {@link References}).
 */
public final class SetupFile {
    public static final String FIELD = "file";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SetupFile() {}

    public static List<SetupDocument> parse(String text) {
        List<ObjectNode> trees = ManifestYaml.readDocuments(FIELD, text);
        if (trees.isEmpty()) {
            throw new InvalidInputException(FIELD, "holds no document; give one per step, each with kind:");
        }
        List<SetupDocument> documents = new ArrayList<>();
        Map<String, Integer> perKind = new HashMap<>();
        for (int i = 0; i < trees.size(); i++) {
            Map<String, Object> map =
                    JSON.convertValue(trees.get(i), new TypeReference<LinkedHashMap<String, Object>>() {});
            Object kind = map.remove("kind");
            String field = "documents[" + i + "].kind";
            if (!(kind instanceof String name)) {
                throw new InvalidInputException(field, "is required: one of " + kinds());
            }
            Step<?, ?> step = Steps.byPipelineName(name)
                    .orElseThrow(() -> new InvalidInputException(field, "must be one of " + kinds()));
            int ordinal = perKind.merge(step.pipelineName(), 1, Integer::sum) - 1;
            documents.add(new SetupDocument(i, ordinal, name, map));
        }
        References.check(documents);
        return documents;
    }

    static List<String> kinds() {
        return Steps.all().stream().map(Step::pipelineName).toList();
    }
}
