package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.steps.Steps;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Pipeline step {@code irsaRole}: the IRSA role, its cross-account target roles and the annotated service accounts. Returns the engine's result map.
 * Fields: the engine's declared arguments ({@code Steps.ROLE.arguments()}), checked by the conformance test.
 */
public final class IrsaRoleStep extends AwsStep {

    @DataBoundConstructor
    public IrsaRoleStep() {
    }

    public String getCluster() {
        return values.string("cluster");
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        values.set("cluster", cluster);
    }

    public String getOidcProviderArn() {
        return values.string("oidcProviderArn");
    }

    @DataBoundSetter
    public void setOidcProviderArn(String oidcProviderArn) {
        values.set("oidcProviderArn", oidcProviderArn);
    }

    public String getNamespace() {
        return values.string("namespace");
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        values.set("namespace", namespace);
    }

    public String getServiceAccount() {
        return values.string("serviceAccount");
    }

    @DataBoundSetter
    public void setServiceAccount(String serviceAccount) {
        values.set("serviceAccount", serviceAccount);
    }

    public List<String> getServiceAccounts() {
        return values.strings("serviceAccounts");
    }

    @DataBoundSetter
    public void setServiceAccounts(List<String> serviceAccounts) {
        values.set("serviceAccounts", serviceAccounts);
    }

    public String getRoleName() {
        return values.string("roleName");
    }

    @DataBoundSetter
    public void setRoleName(String roleName) {
        values.set("roleName", roleName);
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

    public String getPermissionsBoundary() {
        return values.string("permissionsBoundary");
    }

    @DataBoundSetter
    public void setPermissionsBoundary(String permissionsBoundary) {
        values.set("permissionsBoundary", permissionsBoundary);
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

    public List<String> getAssumeRoleArns() {
        return values.strings("assumeRoleArns");
    }

    @DataBoundSetter
    public void setAssumeRoleArns(List<String> assumeRoleArns) {
        values.set("assumeRoleArns", assumeRoleArns);
    }

    public String getAudience() {
        return values.string("audience");
    }

    @DataBoundSetter
    public void setAudience(String audience) {
        values.set("audience", audience);
    }

    public boolean isAllowWildcards() {
        return values.bool("allowWildcards", Steps.ROLE.arguments());
    }

    @DataBoundSetter
    public void setAllowWildcards(boolean allowWildcards) {
        values.set("allowWildcards", allowWildcards);
    }

    public boolean isRestartPods() {
        return values.bool("restartPods", Steps.ROLE.arguments());
    }

    @DataBoundSetter
    public void setRestartPods(boolean restartPods) {
        values.set("restartPods", restartPods);
    }

    public boolean isOverrideExistingServiceAccounts() {
        return values.bool("overrideExistingServiceAccounts", Steps.ROLE.arguments());
    }

    @DataBoundSetter
    public void setOverrideExistingServiceAccounts(boolean overrideExistingServiceAccounts) {
        values.set("overrideExistingServiceAccounts", overrideExistingServiceAccounts);
    }

    public boolean isExclusive() {
        return values.bool("exclusive", Steps.ROLE.arguments());
    }

    @DataBoundSetter
    public void setExclusive(boolean exclusive) {
        values.set("exclusive", exclusive);
    }

    public List<KeyValue> getTags() {
        return KeyValue.fromMap(values.map("tags"));
    }

    @DataBoundSetter
    public void setTags(List<KeyValue> tags) {
        values.set("tags", KeyValue.toMap(tags));
    }

    public String getTargetExternalId() {
        return values.string("targetExternalId");
    }

    @DataBoundSetter
    public void setTargetExternalId(String targetExternalId) {
        values.set("targetExternalId", targetExternalId);
    }

    public List<TargetRole> getTargetRoles() {
        return TargetRole.fromArguments(values.objects("targetRoles"));
    }

    @DataBoundSetter
    public void setTargetRoles(List<TargetRole> targetRoles) {
        values.set("targetRoles", TargetRole.toArguments(targetRoles));
    }

    public Boolean getStsRegionalEndpoints() {
        return values.optionalBool("stsRegionalEndpoints");
    }

    @DataBoundSetter
    public void setStsRegionalEndpoints(Boolean stsRegionalEndpoints) {
        values.set("stsRegionalEndpoints", stsRegionalEndpoints);
    }

    public Integer getTokenExpiration() {
        return values.integer("tokenExpiration");
    }

    @DataBoundSetter
    public void setTokenExpiration(Integer tokenExpiration) {
        values.set("tokenExpiration", tokenExpiration);
    }

    public String getState() {
        return values.string("state");
    }

    @DataBoundSetter
    public void setState(String state) {
        values.set("state", state);
    }

    public boolean isDryRun() {
        return values.bool("dryRun", Steps.ROLE.arguments());
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        values.set("dryRun", dryRun);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient IrsaRoleStep step;

        Execution(IrsaRoleStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return PipelineRun.run(Steps.ROLE.pipelineName(), step.toArguments(), getContext());
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "irsaRole";
        }

        @Override
        public String getDisplayName() {
            return "IAM role for a Kubernetes service account (IRSA)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }

        /** Maps may be written as maps in a Pipeline; the engine's parser checks everything first. */
        @Override
        public org.jenkinsci.plugins.workflow.steps.Step newInstance(Map<String, Object> arguments) throws Exception {
            return super.newInstance(PipelineArguments.prepare(Steps.ROLE, arguments));
        }

        @Override
        public IrsaRoleStep newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return (IrsaRoleStep) super.newInstance(req, Forms.normalize(formData, Steps.ROLE.arguments()));
        }

        public String lines(List<String> items) {
            return Forms.lines(items);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormAccess.credentials(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillRegionItems(@AncestorInPath Item item, @QueryParameter String region) {
            return FormAccess.regions(item, region);
        }

        @POST
        public ListBoxModel doFillStateItems(@AncestorInPath Item item) {
            return FormAccess.choices(item, List.of("present", "absent"));
        }

        @POST
        public ListBoxModel doFillStsRegionalEndpointsItems(@AncestorInPath Item item) {
            return FormAccess.choices(item, List.of("", "true", "false"));
        }

        @POST
        public FormValidation doCheckCluster(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "cluster", value);
        }

        @POST
        public FormValidation doCheckOidcProviderArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "oidcProviderArn", value);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "namespace", value);
        }

        @POST
        public FormValidation doCheckServiceAccount(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "serviceAccount", value);
        }

        @POST
        public FormValidation doCheckServiceAccounts(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "serviceAccounts", value);
        }

        @POST
        public FormValidation doCheckRoleName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "roleName", value);
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "path", value);
        }

        @POST
        public FormValidation doCheckDescription(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "description", value);
        }

        @POST
        public FormValidation doCheckMaxSessionDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "maxSessionDuration", value);
        }

        @POST
        public FormValidation doCheckPermissionsBoundary(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "permissionsBoundary", value);
        }

        @POST
        public FormValidation doCheckPolicyArns(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "policyArns", value);
        }

        @POST
        public FormValidation doCheckAssumeRoleArns(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "assumeRoleArns", value);
        }

        @POST
        public FormValidation doCheckAudience(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "audience", value);
        }

        @POST
        public FormValidation doCheckTargetExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "targetExternalId", value);
        }

        @POST
        public FormValidation doCheckTokenExpiration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "tokenExpiration", value);
        }

        @POST
        public FormValidation doCheckProfile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "profile", value);
        }

        @POST
        public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "endpointUrl", value);
        }

        @POST
        public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "roleArn", value);
        }

        @POST
        public FormValidation doCheckExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "externalId", value);
        }

        @POST
        public FormValidation doCheckSessionName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "sessionName", value);
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "duration", value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.ROLE, "timeout", value);
        }
    }
}
