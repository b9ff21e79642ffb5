package io.jenkins.plugins.eksirsa;

import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A Pipeline step of this plugin: its fields are the engine's declared arguments (connection arguments here, the
 * step's own in the subclass), held as the engine's argument map.
 */
public abstract class AwsStep extends Step {
    protected final ArgumentValues values = new ArgumentValues();

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
