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
 * Freestyle build step of {@code verifyIrsa}: proves the IRSA chain of a service account works, or says what is broken and how to fix it; the same fields and form as {@link VerifyIrsaStep}.
 */
public final class VerifyIrsaBuilder extends AwsBuilder {

    @DataBoundConstructor
    public VerifyIrsaBuilder(String cluster, String namespace, String serviceAccount) {
        values.set("cluster", cluster);
        values.set("namespace", namespace);
        values.set("serviceAccount", serviceAccount);
    }

    @Override
    protected String step() {
        return Steps.VERIFY.pipelineName();
    }

    public String getCluster() {
        return values.string("cluster");
    }

    public String getNamespace() {
        return values.string("namespace");
    }

    public String getServiceAccount() {
        return values.string("serviceAccount");
    }

    public List<String> getAssumeRoleArns() {
        return values.strings("assumeRoleArns");
    }

    @DataBoundSetter
    public void setAssumeRoleArns(List<String> assumeRoleArns) {
        values.set("assumeRoleArns", assumeRoleArns);
    }

    public String getHopExternalId() {
        return values.string("hopExternalId");
    }

    @DataBoundSetter
    public void setHopExternalId(String hopExternalId) {
        values.set("hopExternalId", hopExternalId);
    }

    public List<String> getProbes() {
        return values.strings("probes");
    }

    @DataBoundSetter
    public void setProbes(List<String> probes) {
        values.set("probes", probes);
    }

    public boolean isLive() {
        return values.bool("live", Steps.VERIFY.arguments());
    }

    @DataBoundSetter
    public void setLive(boolean live) {
        values.set("live", live);
    }

    public boolean isFailOnWarning() {
        return values.bool("failOnWarning", Steps.VERIFY.arguments());
    }

    @DataBoundSetter
    public void setFailOnWarning(boolean failOnWarning) {
        values.set("failOnWarning", failOnWarning);
    }

    public String getExpectedAccount() {
        return values.string("expectedAccount");
    }

    @DataBoundSetter
    public void setExpectedAccount(String expectedAccount) {
        values.set("expectedAccount", expectedAccount);
    }

    public String getAudience() {
        return values.string("audience");
    }

    @DataBoundSetter
    public void setAudience(String audience) {
        values.set("audience", audience);
    }

    public String getJunitFile() {
        return values.string("junitFile");
    }

    @DataBoundSetter
    public void setJunitFile(String junitFile) {
        values.set("junitFile", junitFile);
    }

    public String getHtmlFile() {
        return values.string("htmlFile");
    }

    @DataBoundSetter
    public void setHtmlFile(String htmlFile) {
        values.set("htmlFile", htmlFile);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Verify the IRSA chain of a service account";
        }

        @Override
        public VerifyIrsaBuilder newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return (VerifyIrsaBuilder) super.newInstance(req, Forms.normalize(formData, Steps.VERIFY.arguments()));
        }

        /** One form per operation: the help lives beside the Pipeline step's form. */
        @Override
        public String getHelpFile(String fieldName) {
            return Jenkins.get().getDescriptorOrDie(VerifyIrsaStep.class).getHelpFile(fieldName);
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
        public FormValidation doCheckCluster(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "cluster", value);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "namespace", value);
        }

        @POST
        public FormValidation doCheckServiceAccount(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "serviceAccount", value);
        }

        @POST
        public FormValidation doCheckAssumeRoleArns(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "assumeRoleArns", value);
        }

        @POST
        public FormValidation doCheckHopExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "hopExternalId", value);
        }

        @POST
        public FormValidation doCheckProbes(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "probes", value);
        }

        @POST
        public FormValidation doCheckExpectedAccount(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "expectedAccount", value);
        }

        @POST
        public FormValidation doCheckAudience(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "audience", value);
        }

        @POST
        public FormValidation doCheckJunitFile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "junitFile", value);
        }

        @POST
        public FormValidation doCheckHtmlFile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "htmlFile", value);
        }

        @POST
        public FormValidation doCheckProfile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "profile", value);
        }

        @POST
        public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "endpointUrl", value);
        }

        @POST
        public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "roleArn", value);
        }

        @POST
        public FormValidation doCheckExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "externalId", value);
        }

        @POST
        public FormValidation doCheckSessionName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "sessionName", value);
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "duration", value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.VERIFY, "timeout", value);
        }
    }
}
