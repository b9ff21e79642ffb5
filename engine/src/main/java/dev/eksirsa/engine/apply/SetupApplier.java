package dev.eksirsa.engine.apply;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.StepResult;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.StepContext;
import dev.eksirsa.engine.steps.Steps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a setup file's documents in order in one process: each through its step's one strict parser, with the
 * references to earlier results resolved. Every document is parsed before anything runs, references standing in for
 * the results they will take, so a typo in the last one costs no call. In a dry run every step plans; verifyIrsa,
 * which only reads what the others would make, is skipped. The first step that fails stops the run; the results so
 * far are kept.
 */
public final class SetupApplier {

    /** What happened: each document's result map (or its skip or error), and whether all succeeded. */
    public record Outcome(List<Map<String, Object>> results, boolean succeeded, EksIrsaException failure) {}

    public Outcome apply(List<SetupDocument> documents, boolean dryRun, StepContext context) {
        for (SetupDocument document : documents) {
            // references stand in for what earlier steps will return; only their own keys must wait for the run
            Set<String> referencing = References.referencingKeys(document);
            try {
                Steps.byPipelineName(document.kind())
                        .orElseThrow()
                        .parse(withDryRun(document, References.withStandIns(document), dryRun));
            } catch (InvalidInputException e) {
                if (referencing.stream()
                        .noneMatch(key -> e.field().equals(key)
                                || e.field().startsWith(key + ".")
                                || e.field().startsWith(key + "["))) {
                    throw new InvalidInputException(document.field() + "." + e.field(), e.rule());
                }
            }
        }
        Map<String, List<Map<String, Object>>> results = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (SetupDocument document : documents) {
            Step<?, ?> step = Steps.byPipelineName(document.kind()).orElseThrow();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", document.kind());
            if (dryRun && step.arguments().find("dryRun").isEmpty()) {
                entry.put("skipped", "dry run: " + document.kind() + " reads what the other steps would make");
                out.add(entry);
                results.computeIfAbsent(document.kind(), k -> new ArrayList<>()).add(Map.of());
                continue;
            }
            context.progress().info("== " + document.kind() + " (" + document.field() + ")");
            Map<String, Object> arguments = withDryRun(document, References.resolve(document, results), dryRun);
            try {
                StepResult result = run(step, arguments, document, context);
                Map<String, Object> map = result.toMap();
                entry.put("result", map);
                out.add(entry);
                results.computeIfAbsent(document.kind(), k -> new ArrayList<>()).add(map);
                if (!result.succeeded()) {
                    return new Outcome(
                            out,
                            false,
                            new EksIrsaException(document.kind() + " (" + document.field() + ") did not succeed: "
                                    + result.failureSummary()));
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException(document.field() + "." + e.field(), e.rule());
            } catch (EksIrsaException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("type", e.type());
                error.put("message", e.getMessage());
                entry.put("error", error);
                out.add(entry);
                return new Outcome(out, false, e);
            }
        }
        return new Outcome(out, true, null);
    }

    private static StepResult run(
            Step<?, ?> step, Map<String, Object> arguments, SetupDocument document, StepContext context) {
        return step.run(arguments, context);
    }

    private static Map<String, Object> withDryRun(
            SetupDocument document, Map<String, Object> arguments, boolean dryRun) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        if (dryRun
                && Steps.byPipelineName(document.kind())
                        .orElseThrow()
                        .arguments()
                        .find("dryRun")
                        .isPresent()) {
            out.put("dryRun", true);
        }
        return out;
    }
}
