package dev.eksirsa.engine.apply;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a setup file's documents in order in one process: each through its step's one strict parser, with the
 * references to earlier results resolved. Every document is parsed before anything runs, references standing in for
 * the results they will take, so a typo in the last one costs no call. In a dry run every step plans; verifyIrsa,
 * which only reads what the others would make, is skipped. The first step that fails stops the run; the results so
 * far are kept.
 *
 * <p>Consecutive documents of one kind that do not refer to each other (many {@code irsaRole}s after one cluster)
 * form a group and run concurrently, a few at a time; a group's failure stops the run once the whole group is done.
 */
public final class SetupApplier {
    /** How many documents of one group run at once by default: enough to hide round trips, few enough for IAM. */
    public static final int DEFAULT_PARALLELISM = 4;

    private final int parallelism;

    public SetupApplier() {
        this(DEFAULT_PARALLELISM);
    }

    public SetupApplier(int parallelism) {
        if (parallelism < 1) {
            throw new InvalidInputException("parallel", "must be at least 1");
        }
        this.parallelism = parallelism;
    }

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
        for (List<SetupDocument> group : DocumentGroups.of(documents)) {
            List<Applied> applied = group.size() == 1
                    ? List.of(applyOne(group.get(0), results, dryRun, context))
                    : applyConcurrently(group, results, dryRun, context);
            for (Applied one : applied) {
                out.add(one.entry());
                results.computeIfAbsent(one.kind(), k -> new ArrayList<>()).add(one.result());
            }
            for (Applied one : applied) {
                if (one.badInput() != null) {
                    throw one.badInput();
                }
            }
            for (Applied one : applied) {
                if (one.failure() != null) {
                    return new Outcome(out, false, one.failure());
                }
            }
        }
        return new Outcome(out, true, null);
    }

    /** One document's entry in the outcome, the result later references read, and how it failed, if it did. */
    private record Applied(
            String kind,
            Map<String, Object> entry,
            Map<String, Object> result,
            EksIrsaException failure,
            InvalidInputException badInput) {}

    private List<Applied> applyConcurrently(
            List<SetupDocument> group,
            Map<String, List<Map<String, Object>>> results,
            boolean dryRun,
            StepContext context) {
        context.progress()
                .info("== " + group.size() + " " + group.get(0).kind() + " documents, "
                        + Math.min(parallelism, group.size()) + " at a time");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, group.size()), runnable -> {
            Thread thread = new Thread(runnable, "eks-irsa-apply");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Applied>> futures = new ArrayList<>();
            for (SetupDocument document : group) {
                StepContext prefixed = context.withProgress(prefixed(context.progress(), document.field()));
                futures.add(pool.submit(() -> applyOne(document, results, dryRun, prefixed)));
            }
            List<Applied> applied = new ArrayList<>();
            for (Future<Applied> future : futures) {
                applied.add(await(future));
            }
            return applied;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Applied await(Future<Applied> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EksIrsaException("apply was interrupted", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EksIrsaException("apply failed: " + e.getCause(), null, e.getCause());
        }
    }

    private static ProgressListener prefixed(ProgressListener progress, String field) {
        return new ProgressListener() {
            @Override
            public void info(String line) {
                progress.info("[" + field + "] " + line);
            }

            @Override
            public void warn(String line) {
                progress.warn("[" + field + "] " + line);
            }
        };
    }

    private static Applied applyOne(
            SetupDocument document,
            Map<String, List<Map<String, Object>>> results,
            boolean dryRun,
            StepContext context) {
        Step<?, ?> step = Steps.byPipelineName(document.kind()).orElseThrow();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", document.kind());
        if (dryRun && step.arguments().find("dryRun").isEmpty()) {
            entry.put("skipped", "dry run: " + document.kind() + " reads what the other steps would make");
            return new Applied(document.kind(), entry, Map.of(), null, null);
        }
        context.progress().info("== " + document.kind() + " (" + document.field() + ")");
        try {
            Map<String, Object> arguments = withDryRun(document, References.resolve(document, results), dryRun);
            StepResult result = run(step, arguments, document, context);
            Map<String, Object> map = result.toMap();
            entry.put("result", map);
            EksIrsaException failure = result.succeeded()
                    ? null
                    : new EksIrsaException(document.kind() + " (" + document.field() + ") did not succeed: "
                            + result.failureSummary());
            return new Applied(document.kind(), entry, map, failure, null);
        } catch (InvalidInputException e) {
            return new Applied(
                    document.kind(),
                    entry,
                    Map.of(),
                    null,
                    new InvalidInputException(document.field() + "." + e.field(), e.rule()));
        } catch (EksIrsaException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", e.type());
            error.put("message", e.getMessage());
            entry.put("error", error);
            return new Applied(document.kind(), entry, Map.of(), e, null);
        }
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
