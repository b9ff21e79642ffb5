package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.sandbox.Sandbox;
import java.util.Map;

/**
 * Steps run through the Jenkins-free execution body against a sandbox, as the plugin runs them: the sandbox's two
 * accounts as stored credentials {@code primary} and {@code second}, the step's own connection the primary's.
 */
public final class SandboxSteps {
    private SandboxSteps() {}

    public static Map<String, StoredCredentials> credentials(Sandbox sandbox) {
        return Map.of(
                "primary",
                StoredCredentials.keys(
                        sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey(), null),
                "second",
                StoredCredentials.keys(
                        sandbox.secondary().accessKeyId(), sandbox.secondary().secretAccessKey(), null));
    }

    /** Runs one step as the primary account, adding {@code credentialsId} and the sandbox's endpoint. */
    public static Map<String, Object> run(
            Sandbox sandbox, Map<String, String> environment, String step, Map<String, Object> arguments) {
        arguments.put("credentialsId", "primary");
        arguments.put("endpointUrl", sandbox.awsEndpoint().toString());
        return new StepCall(step, arguments, environment, credentials(sandbox), false).run(ProgressListener.NONE);
    }
}
