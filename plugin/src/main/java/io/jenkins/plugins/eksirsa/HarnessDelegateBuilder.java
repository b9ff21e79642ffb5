package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.steps.Steps;
import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle build step of {@code harnessDelegate}: a Harness NG delegate under the IRSA service account, connected, with its connectors; the same fields and form as {@link HarnessDelegateStep}.
 */
public final class HarnessDelegateBuilder extends AwsBuilder {

    @DataBoundConstructor
    public HarnessDelegateBuilder(String cluster, String name) {
        values.set("cluster", cluster);
        values.set("name", name);
    }

    @Override
    protected String step() {
        return Steps.DELEGATE.pipelineName();
    }

    public String getCluster() {
        return values.string("cluster");
    }

    public String getName() {
        return values.string("name");
    }

    public String getAccountId() {
        return values.string("accountId");
    }

    @DataBoundSetter
    public void setAccountId(String accountId) {
        values.set("accountId", accountId);
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

    public String getManifest() {
        return values.string("manifest");
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        values.set("manifest", manifest);
    }

    public String getPermissions() {
        return values.string("permissions");
    }

    @DataBoundSetter
    public void setPermissions(String permissions) {
        values.set("permissions", permissions);
    }

    public String getManagerUrl() {
        return values.string("managerUrl");
    }

    @DataBoundSetter
    public void setManagerUrl(String managerUrl) {
        values.set("managerUrl", managerUrl);
    }

    public String getImage() {
        return values.string("image");
    }

    @DataBoundSetter
    public void setImage(String image) {
        values.set("image", image);
    }

    public List<String> getDelegateTags() {
        return values.strings("delegateTags");
    }

    @DataBoundSetter
    public void setDelegateTags(List<String> delegateTags) {
        values.set("delegateTags", delegateTags);
    }

    public boolean isUpgrader() {
        return values.bool("upgrader", Steps.DELEGATE.arguments());
    }

    @DataBoundSetter
    public void setUpgrader(boolean upgrader) {
        values.set("upgrader", upgrader);
    }

    public Integer getReplicas() {
        return values.integer("replicas");
    }

    @DataBoundSetter
    public void setReplicas(Integer replicas) {
        values.set("replicas", replicas);
    }

    public String getTokenEnv() {
        return values.string("tokenEnv");
    }

    @DataBoundSetter
    public void setTokenEnv(String tokenEnv) {
        values.set("tokenEnv", tokenEnv);
    }

    public String getTokenCredentialsId() {
        return values.string("tokenCredentialsId");
    }

    @DataBoundSetter
    public void setTokenCredentialsId(String tokenCredentialsId) {
        values.set("tokenCredentialsId", tokenCredentialsId);
    }

    public String getApiKeyEnv() {
        return values.string("apiKeyEnv");
    }

    @DataBoundSetter
    public void setApiKeyEnv(String apiKeyEnv) {
        values.set("apiKeyEnv", apiKeyEnv);
    }

    public String getApiKeyCredentialsId() {
        return values.string("apiKeyCredentialsId");
    }

    @DataBoundSetter
    public void setApiKeyCredentialsId(String apiKeyCredentialsId) {
        values.set("apiKeyCredentialsId", apiKeyCredentialsId);
    }

    public String getK8sConnector() {
        return values.string("k8sConnector");
    }

    @DataBoundSetter
    public void setK8sConnector(String k8sConnector) {
        values.set("k8sConnector", k8sConnector);
    }

    public String getAwsConnector() {
        return values.string("awsConnector");
    }

    @DataBoundSetter
    public void setAwsConnector(String awsConnector) {
        values.set("awsConnector", awsConnector);
    }

    public String getCrossAccountRoleArn() {
        return values.string("crossAccountRoleArn");
    }

    @DataBoundSetter
    public void setCrossAccountRoleArn(String crossAccountRoleArn) {
        values.set("crossAccountRoleArn", crossAccountRoleArn);
    }

    public String getConnectorExternalId() {
        return values.string("connectorExternalId");
    }

    @DataBoundSetter
    public void setConnectorExternalId(String connectorExternalId) {
        values.set("connectorExternalId", connectorExternalId);
    }

    public boolean isTestConnectors() {
        return values.bool("testConnectors", Steps.DELEGATE.arguments());
    }

    @DataBoundSetter
    public void setTestConnectors(boolean testConnectors) {
        values.set("testConnectors", testConnectors);
    }

    public String getState() {
        return values.string("state");
    }

    @DataBoundSetter
    public void setState(String state) {
        values.set("state", state);
    }

    public boolean isDryRun() {
        return values.bool("dryRun", Steps.DELEGATE.arguments());
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        values.set("dryRun", dryRun);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Harness delegate under the IRSA service account";
        }

        @Override
        public HarnessDelegateBuilder newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return (HarnessDelegateBuilder) super.newInstance(req, Forms.normalize(formData, Steps.DELEGATE.arguments()));
        }

        /** One form per operation: the help lives beside the Pipeline step's form. */
        @Override
        public String getHelpFile(String fieldName) {
            return Jenkins.get().getDescriptorOrDie(HarnessDelegateStep.class).getHelpFile(fieldName);
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
        public ListBoxModel doFillPermissionsItems(@AncestorInPath Item item) {
            return FormAccess.choices(item, List.of("CLUSTER_ADMIN", "CLUSTER_VIEWER", "NAMESPACE_ADMIN"));
        }

        @POST
        public ListBoxModel doFillTokenCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String tokenCredentialsId) {
            return FormAccess.secretTexts(item, tokenCredentialsId);
        }

        @POST
        public ListBoxModel doFillApiKeyCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String apiKeyCredentialsId) {
            return FormAccess.secretTexts(item, apiKeyCredentialsId);
        }

        @POST
        public FormValidation doCheckCluster(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "cluster", value);
        }

        @POST
        public FormValidation doCheckAccountId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "accountId", value);
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "name", value);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "namespace", value);
        }

        @POST
        public FormValidation doCheckServiceAccount(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "serviceAccount", value);
        }

        @POST
        public FormValidation doCheckManifest(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "manifest", value);
        }

        @POST
        public FormValidation doCheckManagerUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "managerUrl", value);
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "image", value);
        }

        @POST
        public FormValidation doCheckDelegateTags(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "delegateTags", value);
        }

        @POST
        public FormValidation doCheckReplicas(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "replicas", value);
        }

        @POST
        public FormValidation doCheckTokenEnv(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "tokenEnv", value);
        }

        @POST
        public FormValidation doCheckApiKeyEnv(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "apiKeyEnv", value);
        }

        @POST
        public FormValidation doCheckK8sConnector(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "k8sConnector", value);
        }

        @POST
        public FormValidation doCheckAwsConnector(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "awsConnector", value);
        }

        @POST
        public FormValidation doCheckCrossAccountRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "crossAccountRoleArn", value);
        }

        @POST
        public FormValidation doCheckConnectorExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "connectorExternalId", value);
        }

        @POST
        public FormValidation doCheckProfile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "profile", value);
        }

        @POST
        public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "endpointUrl", value);
        }

        @POST
        public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "roleArn", value);
        }

        @POST
        public FormValidation doCheckExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "externalId", value);
        }

        @POST
        public FormValidation doCheckSessionName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "sessionName", value);
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "duration", value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.DELEGATE, "timeout", value);
        }
    }
}
