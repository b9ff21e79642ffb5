package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.api.ConnectionArgs;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * How a cross-account target role's account is reached ({@code targetRoles[i].connection}): exactly one of a
 * Jenkins credentials id, a role the step's own connection assumes, a profile or environment variable names.
 */
public final class TargetConnection implements Describable<TargetConnection>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ArgumentValues values = new ArgumentValues();

    @DataBoundConstructor
    public TargetConnection() {}

    public String getCredentialsId() {
        return values.string("credentialsId");
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        values.set("credentialsId", credentialsId);
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

    public String getProfile() {
        return values.string("profile");
    }

    @DataBoundSetter
    public void setProfile(String profile) {
        values.set("profile", profile);
    }

    public CredentialsEnvNames getCredentialsEnv() {
        Map<String, Object> names = values.object("credentialsEnv");
        return names.isEmpty() ? null : CredentialsEnvNames.fromArguments(names);
    }

    @DataBoundSetter
    public void setCredentialsEnv(CredentialsEnvNames credentialsEnv) {
        values.set("credentialsEnv", credentialsEnv == null ? null : credentialsEnv.toArguments());
    }

    Map<String, Object> toArguments() {
        return values.toArguments();
    }

    static TargetConnection fromArguments(Map<String, Object> map) {
        TargetConnection c = new TargetConnection();
        Map<String, Object> copy = new LinkedHashMap<>(map);
        c.setCredentialsId((String) copy.get("credentialsId"));
        c.setRoleArn((String) copy.get("roleArn"));
        c.setExternalId((String) copy.get("externalId"));
        c.setSessionName((String) copy.get("sessionName"));
        c.setProfile((String) copy.get("profile"));
        if (copy.get("credentialsEnv") instanceof Map<?, ?> names) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) names;
            c.setCredentialsEnv(CredentialsEnvNames.fromArguments(typed));
        }
        return c;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<TargetConnection> {
        @Override
        public String getDisplayName() {
            return "Connection to the target account";
        }

        @Override
        public TargetConnection newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.normalize(formData, ConnectionArgs.TARGET));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormAccess.credentials(item, credentialsId);
        }
    }
}
