package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.api.ConnectionArgs;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code credentialsEnv} of a target connection: the names (never the values) of variables holding keys. */
public final class CredentialsEnvNames implements Describable<CredentialsEnvNames>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ArgumentValues values = new ArgumentValues();

    @DataBoundConstructor
    public CredentialsEnvNames(String accessKeyId, String secretAccessKey) {
        values.set("accessKeyId", accessKeyId);
        values.set("secretAccessKey", secretAccessKey);
    }

    public String getAccessKeyId() {
        return values.string("accessKeyId");
    }

    public String getSecretAccessKey() {
        return values.string("secretAccessKey");
    }

    public String getSessionToken() {
        return values.string("sessionToken");
    }

    @DataBoundSetter
    public void setSessionToken(String sessionToken) {
        values.set("sessionToken", sessionToken);
    }

    Map<String, Object> toArguments() {
        return values.toArguments();
    }

    static CredentialsEnvNames fromArguments(Map<String, Object> map) {
        CredentialsEnvNames names =
                new CredentialsEnvNames((String) map.get("accessKeyId"), (String) map.get("secretAccessKey"));
        names.setSessionToken((String) map.get("sessionToken"));
        return names;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CredentialsEnvNames> {
        @Override
        public String getDisplayName() {
            return "Keys from environment variables";
        }

        @Override
        public CredentialsEnvNames newInstance(
                org.kohsuke.stapler.StaplerRequest2 req, net.sf.json.JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.normalize(formData, ConnectionArgs.TARGET.get("credentialsEnv").nested()));
        }
    }
}
