package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.StepResult;
import java.util.List;
import java.util.Map;

/**
 * One operation, the same for the CLI, the Jenkins plugin and apply files: declared arguments, the one strict
 * parser from an argument map to a spec, and a run that reads, plans, applies (or stops at the plan in a dry run)
 * and returns a result carrying the common outcome.
 */
public interface Step<S, R extends StepResult> {

    /** The CLI command ({@code cluster}, {@code role}). */
    String command();

    /** The Jenkins Pipeline step ({@code eksIrsaCluster}, {@code irsaRole}). */
    String pipelineName();

    ArgumentSet arguments();

    /**
     * The fewest arguments that parse; a form checks one field by parsing it over these (no network, the same
     * rules as a run).
     */
    Map<String, Object> minimalArguments();

    /**
     * The keys of this step's result map that a later document of an apply file may refer to
     * ({@code ${irsaRole.roleArn}}); the common {@code changes}, {@code warnings} and {@code dryRun} included.
     */
    List<String> resultKeys();

    /** Strict: unknown keys, wrong types and conflicting keys are refused naming the full key path. */
    S parse(Map<String, ?> arguments);

    R run(S spec, StepContext context);

    /** Parse, then run: what every entry point does with an argument map. */
    default R run(Map<String, ?> arguments, StepContext context) {
        return run(parse(arguments), context);
    }
}
