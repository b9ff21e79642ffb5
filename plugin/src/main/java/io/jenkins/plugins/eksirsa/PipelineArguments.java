package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.steps.FormShape;
import dev.eksirsa.engine.steps.Step;
import hudson.AbortException;
import java.util.Map;

/**
 * A Pipeline call's named arguments before Jenkins binds them to the step's fields: checked by the engine's one
 * strict parser (so an unknown key or a wrong type is refused naming the full key path, as on the command line),
 * then shaped for the fields (maps as key/value entries).
 */
final class PipelineArguments {
    private PipelineArguments() {}

    static Map<String, Object> prepare(Step<?, ?> step, Map<String, Object> arguments) throws AbortException {
        try {
            Map<String, Object> engineShape = FormShape.toArguments(arguments, step.arguments());
            // checked as it will run, with the global defaults; bound without them (they apply at run time)
            step.parse(EksIrsaGlobalConfiguration.get().applyDefaults(step.pipelineName(), engineShape));
            return FormShape.toForm(engineShape, step.arguments());
        } catch (InvalidInputException e) {
            throw new AbortException(step.pipelineName() + ": " + e.getMessage());
        }
    }
}
