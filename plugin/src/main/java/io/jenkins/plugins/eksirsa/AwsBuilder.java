package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.steps.ResultVariables;
import dev.eksirsa.engine.steps.Steps;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step of this plugin: the same fields as the Pipeline step of the same operation; its result
 * becomes environment variables for later build steps ({@link ResultVariables}) and a summary on the build page.
 */
public abstract class AwsBuilder extends Builder implements SimpleBuildStep {
    protected final ArgumentValues values = new ArgumentValues();

    /** The Pipeline step this builder runs ({@code eksIrsaCluster}, {@code irsaRole}). */
    protected abstract String step();

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    /** In a build with a workspace: on that workspace's agent. */
    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        Computer computer = workspace == null ? null : workspace.toComputer();
        boolean onController = computer == null || computer == Jenkins.get().toComputer();
        record(
                run,
                StepRunner.run(
                        step(),
                        expanded(env),
                        run,
                        env,
                        listener,
                        onController ? null : launcher.getChannel(),
                        workspace == null ? null : workspace.getRemote()));
    }

    /** Without a workspace: on the controller, under the controller rule. */
    @Override
    public void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        record(run, StepRunner.run(step(), expanded(env), run, env, listener, null, null));
    }

    /** Freestyle fields may use the build's variables, e.g. {@code ${EKS_IRSA_CLUSTER_NAME}} of an earlier step. */
    private Map<String, Object> expanded(EnvVars env) {
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) expand(toArguments(), env);
        return arguments;
    }

    private static Object expand(Object value, EnvVars env) {
        if (value instanceof String text) {
            return env.expand(text);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(expand(item, env)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), expand(v, env)));
            return out;
        }
        return value;
    }

    private void record(Run<?, ?> run, Map<String, Object> result) throws AbortException {
        var target = Steps.byPipelineName(step()).orElseThrow(() -> new AbortException("unknown step " + step()));
        run.addAction(new EksIrsaResultAction(step(), result, ResultVariables.of(target, result)));
        // verification warnings mark the build unstable (failures, or warnings with failOnWarning, failed it already)
        if (result.get("summary") instanceof Map<?, ?> summary
                && summary.get("warn") instanceof Integer warnings
                && warnings > 0) {
            run.setResult(hudson.model.Result.UNSTABLE);
        }
    }

    public String getRegion() {
        return values.string("region");
    }

    @DataBoundSetter
    public void setRegion(String region) {
        values.set("region", region);
    }

    public String getProfile() {
        return values.string("profile");
    }

    @DataBoundSetter
    public void setProfile(String profile) {
        values.set("profile", profile);
    }

    public String getCredentialsId() {
        return values.string("credentialsId");
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        values.set("credentialsId", credentialsId);
    }

    public String getEndpointUrl() {
        return values.string("endpointUrl");
    }

    @DataBoundSetter
    public void setEndpointUrl(String endpointUrl) {
        values.set("endpointUrl", endpointUrl);
    }

    public String getRoleArn() {
        return values.string("roleArn");
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        values.set("roleArn", roleArn);
    }

    public String getExternalId() {
        return values.string("externalId");
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        values.set("externalId", externalId);
    }

    public String getSessionName() {
        return values.string("sessionName");
    }

    @DataBoundSetter
    public void setSessionName(String sessionName) {
        values.set("sessionName", sessionName);
    }

    public String getDuration() {
        return values.string("duration");
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        values.set("duration", duration);
    }

    public String getTimeout() {
        return values.string("timeout");
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        values.set("timeout", timeout);
    }

    /** The fields as the engine's argument map (plain values). */
    public Map<String, Object> toArguments() {
        return values.toArguments();
    }
}
