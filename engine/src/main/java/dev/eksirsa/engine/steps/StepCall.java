package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.StepResult;
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
        if (Steps.byPipelineName(step).isEmpty()) {
            throw new InvalidInputException(
                    "step",
                    "must be one of "
                            + Steps.all().stream().map(Step::pipelineName).toList());
        }
        arguments = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        credentials = Map.copyOf(credentials == null ? Map.of() : credentials);
    }

    /**
     * Variables through which the running process's own AWS identity would be used: its keys, its profile files,
     * its web identity or container credentials. A step on the controller never sees them unless allowed.
     */
    static final List<String> PROCESS_IDENTITY_VARIABLES = List.of(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "AWS_DEFAULT_PROFILE",
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "HOME");

    /**
     * A step that runs on the Jenkins controller (outside {@code node {}}, or on the built-in node). Unless an
     * administrator allowed the controller's own AWS identity, a job author must not reach it: AWS access comes
     * only from Jenkins credentials ids, the controller's identity variables and home directory are withheld,
     * and {@code profile} or {@code credentialsEnv} (which would read the controller's files or process) are
     * refused before anything runs.
     */
    public static StepCall onController(
            String step,
            Map<String, Object> arguments,
            Map<String, String> environment,
            Map<String, StoredCredentials> credentials,
            boolean controllerIdentityAllowed) {
        if (controllerIdentityAllowed) {
            return new StepCall(step, arguments, environment, credentials, true);
        }
        String rule = "would use the Jenkins controller's own AWS identity, which an administrator has not allowed;"
                + " run the step inside node {} or use a credentials id";
        if (arguments.get("profile") != null) {
            throw new InvalidInputException("profile", rule);
        }
        if (arguments.get("targetRoles") instanceof List<?> targets) {
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i) instanceof Map<?, ?> target && target.get("connection") instanceof Map<?, ?> c) {
                    for (String key : List.of("profile", "credentialsEnv")) {
                        if (c.get(key) != null) {
                            throw new InvalidInputException("targetRoles[" + i + "].connection." + key, rule);
                        }
                    }
                }
            }
        }
        if (arguments.get("credentialsId") == null) {
            throw new InvalidInputException(
                    "credentialsId", "is required outside node {}: without it the step " + rule);
        }
        Map<String, String> withheld = new LinkedHashMap<>(environment == null ? Map.of() : environment);
        PROCESS_IDENTITY_VARIABLES.forEach(withheld::remove);
        return new StepCall(step, arguments, withheld, credentials, false);
    }

    /**
     * Runs the step here and returns its result map (String, Boolean, Integer, List and Map values only); a step
     * that ran but did not reach what was asked (a connector test failed) ends in {@link StepFailedException}.
     */
    public Map<String, Object> run(ProgressListener progress) {
        Step<?, ?> target = Steps.byPipelineName(step).orElseThrow();
        StepContext context = new StepContext(
                new EnvironmentConnectionResolver(environment, processDefaults, credentials), environment, progress);
        StepResult result = target.run(arguments, context);
        if (!result.succeeded()) {
            throw new StepFailedException(step, result.failureSummary());
        }
        return result.toMap();
    }

    /** Names only: the arguments' keys, the credentials' ids, never a value (the environment may hold secrets). */
    @Override
    public String toString() {
        return "StepCall[" + step + ", arguments=" + List.copyOf(arguments.keySet()) + ", credentials="
                + List.copyOf(credentials.keySet()) + "]";
    }
}
