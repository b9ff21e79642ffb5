package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.role.IrsaRoleArgs;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** One cross-account role of {@code irsaRole} ({@code targetRoles}): it trusts exactly the IRSA role. */
public final class TargetRole implements Describable<TargetRole>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ArgumentValues values = new ArgumentValues();

    @DataBoundConstructor
    public TargetRole(String roleName, TargetConnection connection) {
        values.set("roleName", roleName);
        values.set("connection", connection == null ? null : connection.toArguments());
    }

    public String getRoleName() {
        return values.string("roleName");
    }

    public TargetConnection getConnection() {
        return TargetConnection.fromArguments(values.object("connection"));
    }

    public List<String> getPolicyArns() {
        return values.strings("policyArns");
    }

    @DataBoundSetter
    public void setPolicyArns(List<String> policyArns) {
        values.set("policyArns", policyArns);
    }

    public List<InlinePolicy> getInlinePolicies() {
        return InlinePolicy.fromMap(values.map("inlinePolicies"));
    }

    @DataBoundSetter
    public void setInlinePolicies(List<InlinePolicy> inlinePolicies) {
        values.set("inlinePolicies", InlinePolicy.toMap(inlinePolicies));
    }

    public String getExternalId() {
        return values.string("externalId");
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        values.set("externalId", externalId);
    }

    public String getPath() {
        return values.string("path");
    }

    @DataBoundSetter
    public void setPath(String path) {
        values.set("path", path);
    }

    public String getDescription() {
        return values.string("description");
    }

    @DataBoundSetter
    public void setDescription(String description) {
        values.set("description", description);
    }

    public Integer getMaxSessionDuration() {
        return values.integer("maxSessionDuration");
    }

    @DataBoundSetter
    public void setMaxSessionDuration(Integer maxSessionDuration) {
        values.set("maxSessionDuration", maxSessionDuration);
    }

    public List<KeyValue> getTags() {
        return KeyValue.fromMap(values.map("tags"));
    }

    @DataBoundSetter
    public void setTags(List<KeyValue> tags) {
        values.set("tags", KeyValue.toMap(tags));
    }

    Map<String, Object> toArguments() {
        return values.toArguments();
    }

    static List<Map<String, Object>> toArguments(List<TargetRole> roles) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (roles != null) {
            roles.forEach(r -> out.add(r.toArguments()));
        }
        return out;
    }

    static List<TargetRole> fromArguments(List<Map<String, Object>> list) {
        List<TargetRole> roles = new ArrayList<>();
        for (Map<String, Object> map : list) {
            TargetRole role = new TargetRole((String) map.get("roleName"), null);
            map.forEach(role.values::set);
            roles.add(role);
        }
        return roles;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<TargetRole> {
        @Override
        public String getDisplayName() {
            return "Cross-account target role";
        }

        @Override
        public TargetRole newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return super.newInstance(req, Forms.normalize(formData, IrsaRoleArgs.TARGET_ROLE));
        }

        public String lines(List<String> items) {
            return Forms.lines(items);
        }
    }
}
