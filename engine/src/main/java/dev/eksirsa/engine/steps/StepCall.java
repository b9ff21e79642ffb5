package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.StoredCredentials;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step run as a plain serializable value: what a Jenkins step sends from the controller to the agent that
 * runs it (the step's pipeline name, its argument map, the build's environment, and the credentials looked up
 * on the controller for the ids the arguments name). {@link #run} is the Jenkins-free execution body: the
 * argument map goes through the step's one parser, the result comes back as its plain map.
 *
 * @param processDefaults whether the SDK may use the running process's own identity (the agent's IRSA role or
 *     instance profile) where nothing else is named; on the controller only when an administrator allowed it
 */
public record StepCall(
        String step,
        Map<String, Object> arguments,
        Map<String, String> environment,
        Map<String, StoredCredentials> credentials,
        boolean processDefaults)
        implements Serializable {

    public StepCall {
        if (Steps.all().stream().noneMatch(s -> s.pipelineName().equals(step))) {
            throw new InvalidInputException(
                    "step",
                    "must be one of "
                            + Steps.all().stream().map(Step::pipelineName).toList());
        }
        arguments = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        credentials = Map.copyOf(credentials == null ? Map.of() : credentials);
    }

    /** Runs the step here and returns its result map (String, Boolean, Integer, List and Map values only). */
    public Map<String, Object> run(ProgressListener progress) {
        Step<?, ?> target = Steps.all().stream()
                .filter(s -> s.pipelineName().equals(step))
                .findFirst()
                .orElseThrow();
        StepContext context = new StepContext(
                new EnvironmentConnectionResolver(environment, processDefaults, credentials), environment, progress);
        return target.run(arguments, context).toMap();
    }

    /** Names only: the arguments' keys, the credentials' ids, never a value (the environment may hold secrets). */
    @Override
    public String toString() {
        return "StepCall[" + step + ", arguments=" + List.copyOf(arguments.keySet()) + ", credentials="
                + List.copyOf(credentials.keySet()) + "]";
    }
}
