package io.jenkins.plugins.eksirsa;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.ProxySettings;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.steps.StepCall;
import dev.eksirsa.engine.steps.StepFailedException;
import hudson.AbortException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import hudson.EnvVars;
import hudson.ProxyConfiguration;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * What every step and builder does with its argument map: global defaults, credentials looked up for the build
 * and tracked, Jenkins' proxy, then the Jenkins-free {@link StepCall} on the agent (inside {@code node {}}) or on
 * the controller (under the controller rule). User errors end as {@link AbortException}: one line, no stack.
 */
final class StepRunner {
    private StepRunner() {}

    /**
     * @param agent the channel of the agent the step runs on; null on the controller (outside {@code node {}} or on
     *     the built-in node)
     */
    static Map<String, Object> run(
            String step,
            Map<String, Object> arguments,
            Run<?, ?> run,
            EnvVars environment,
            TaskListener listener,
            VirtualChannel agent,
            String workspace)
            throws IOException, InterruptedException {
        EksIrsaGlobalConfiguration config = EksIrsaGlobalConfiguration.get();
        try {
            Map<String, Object> withDefaults = inWorkspace(config.applyDefaults(step, arguments), workspace);
            Map<String, StoredCredentials> credentials = lookUpCredentials(withDefaults, run);
            Map<String, String> env = withProxy(environment);
            passSecretTexts(withDefaults, env, run);
            StepCall call = agent == null
                    ? StepCall.onController(step, withDefaults, env, credentials, config.isAllowControllerIdentity())
                    : new StepCall(step, withDefaults, env, credentials, true);
            return agent == null
                    ? call.run(new ConsoleProgress(listener, step))
                    : agent.call(new AgentStepCall(call, listener));
        } catch (StepFailedException e) {
            // it names the step already: "harnessDelegate did not succeed: connector aws test FAILURE: …"
            throw new AbortException(e.getMessage());
        } catch (EksIrsaException e) {
            throw new AbortException(step + ": " + e.getMessage());
        }
    }

    /** Report files named relative to the job's workspace land there (on the agent the step runs on). */
    private static Map<String, Object> inWorkspace(Map<String, Object> arguments, String workspace) {
        if (workspace == null) {
            return arguments;
        }
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        for (String file : List.of("junitFile", "htmlFile", "manifest")) {
            if (out.get(file) instanceof String path && !path.startsWith("/") && !path.matches("[A-Za-z]:[\\\\/].*")) {
                out.put(file, workspace + "/" + path);
            }
        }
        return out;
    }

    /** The step's credentials id and each target connection's, found for this build and tracked as used by it. */
    private static Map<String, StoredCredentials> lookUpCredentials(Map<String, Object> arguments, Run<?, ?> run)
            throws AbortException {
        Map<String, String> ids = new LinkedHashMap<>();
        if (arguments.get("credentialsId") instanceof String id) {
            ids.put(id, "credentialsId");
        }
        if (arguments.get("targetRoles") instanceof List<?> targets) {
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i) instanceof Map<?, ?> target
                        && target.get("connection") instanceof Map<?, ?> connection
                        && connection.get("credentialsId") instanceof String id) {
                    ids.putIfAbsent(id, "targetRoles[" + i + "].connection.credentialsId");
                }
            }
        }
        Map<String, StoredCredentials> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            StandardCredentials credentials =
                    CredentialsProvider.findCredentialById(e.getKey(), StandardCredentials.class, run);
            if (credentials == null) {
                throw new AbortException("invalid " + e.getValue() + ": no credentials with id " + e.getKey()
                        + " are available to this build");
            }
            CredentialsProvider.track(run, credentials);
            found.put(e.getKey(), JenkinsCredentials.of(e.getValue(), e.getKey(), credentials));
        }
        return found;
    }

    /**
     * Secret-text credentials (the Harness API key, a delegate token) reach the engine as it takes every secret: a
     * variable of the step's environment named by the argument ({@code apiKeyEnv}, {@code tokenEnv}). The value
     * stays in memory; the variable names are the plugin's own.
     */
    private static void passSecretTexts(Map<String, Object> arguments, Map<String, String> env, Run<?, ?> run)
            throws AbortException {
        Map<String, String[]> secretArguments = Map.of(
                "apiKeyCredentialsId", new String[] {"apiKeyEnv", "EKS_IRSA_HARNESS_API_KEY"},
                "tokenCredentialsId", new String[] {"tokenEnv", "EKS_IRSA_DELEGATE_TOKEN"});
        for (Map.Entry<String, String[]> e : secretArguments.entrySet()) {
            if (!(arguments.get(e.getKey()) instanceof String id)) {
                continue;
            }
            StringCredentials secret = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
            if (secret == null) {
                throw new AbortException("invalid " + e.getKey() + ": no secret-text credentials with id " + id
                        + " are available to this build");
            }
            CredentialsProvider.track(run, secret);
            arguments.remove(e.getKey());
            arguments.put(e.getValue()[0], e.getValue()[1]);
            env.put(e.getValue()[1], secret.getSecret().getPlainText());
        }
    }

    /** Jenkins' proxy for AWS and Kubernetes calls, unless the build's environment names its own. */
    private static Map<String, String> withProxy(EnvVars environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
        if (proxy != null && proxy.getName() != null && !env.containsKey("HTTPS_PROXY")) {
            env.putAll(ProxySettings.environmentOf(
                    proxy.getName(),
                    proxy.getPort(),
                    proxy.getUserName(),
                    proxy.getSecretPassword() == null ? null : proxy.getSecretPassword().getPlainText(),
                    proxy.getNoProxyHost()));
        }
        return env;
    }
}
