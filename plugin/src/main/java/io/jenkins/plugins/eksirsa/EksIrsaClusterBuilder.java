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
 * Freestyle build step of {@code eksIrsaCluster}: the EKS cluster (described, or created and waited for) and its IAM OIDC identity provider; the same fields and form as {@link EksIrsaClusterStep}.
 */
public final class EksIrsaClusterBuilder extends AwsBuilder {

    @DataBoundConstructor
    public EksIrsaClusterBuilder(String name) {
        values.set("name", name);
    }

    @Override
    protected String step() {
        return Steps.CLUSTER.pipelineName();
    }

    public String getName() {
        return values.string("name");
    }

    public boolean isCreate() {
        return values.bool("create", Steps.CLUSTER.arguments());
    }

    @DataBoundSetter
    public void setCreate(boolean create) {
        values.set("create", create);
    }

    public String getKubernetesVersion() {
        return values.string("kubernetesVersion");
    }

    @DataBoundSetter
    public void setKubernetesVersion(String kubernetesVersion) {
        values.set("kubernetesVersion", kubernetesVersion);
    }

    public List<String> getSubnetIds() {
        return values.strings("subnetIds");
    }

    @DataBoundSetter
    public void setSubnetIds(List<String> subnetIds) {
        values.set("subnetIds", subnetIds);
    }

    public List<String> getSecurityGroupIds() {
        return values.strings("securityGroupIds");
    }

    @DataBoundSetter
    public void setSecurityGroupIds(List<String> securityGroupIds) {
        values.set("securityGroupIds", securityGroupIds);
    }

    public String getClusterRoleArn() {
        return values.string("clusterRoleArn");
    }

    @DataBoundSetter
    public void setClusterRoleArn(String clusterRoleArn) {
        values.set("clusterRoleArn", clusterRoleArn);
    }

    public String getNodegroupName() {
        return values.string("nodegroupName");
    }

    @DataBoundSetter
    public void setNodegroupName(String nodegroupName) {
        values.set("nodegroupName", nodegroupName);
    }

    public List<String> getInstanceTypes() {
        return values.strings("instanceTypes");
    }

    @DataBoundSetter
    public void setInstanceTypes(List<String> instanceTypes) {
        values.set("instanceTypes", instanceTypes);
    }

    public Integer getMinSize() {
        return values.integer("minSize");
    }

    @DataBoundSetter
    public void setMinSize(Integer minSize) {
        values.set("minSize", minSize);
    }

    public Integer getDesiredSize() {
        return values.integer("desiredSize");
    }

    @DataBoundSetter
    public void setDesiredSize(Integer desiredSize) {
        values.set("desiredSize", desiredSize);
    }

    public Integer getMaxSize() {
        return values.integer("maxSize");
    }

    @DataBoundSetter
    public void setMaxSize(Integer maxSize) {
        values.set("maxSize", maxSize);
    }

    public String getNodeRoleArn() {
        return values.string("nodeRoleArn");
    }

    @DataBoundSetter
    public void setNodeRoleArn(String nodeRoleArn) {
        values.set("nodeRoleArn", nodeRoleArn);
    }

    public List<String> getAccessPrincipalArns() {
        return values.strings("accessPrincipalArns");
    }

    @DataBoundSetter
    public void setAccessPrincipalArns(List<String> accessPrincipalArns) {
        values.set("accessPrincipalArns", accessPrincipalArns);
    }

    public List<KeyValue> getTags() {
        return KeyValue.fromMap(values.map("tags"));
    }

    @DataBoundSetter
    public void setTags(List<KeyValue> tags) {
        values.set("tags", KeyValue.toMap(tags));
    }

    public boolean isBootstrapClusterCreatorAdmin() {
        return values.bool("bootstrapClusterCreatorAdmin", Steps.CLUSTER.arguments());
    }

    @DataBoundSetter
    public void setBootstrapClusterCreatorAdmin(boolean bootstrapClusterCreatorAdmin) {
        values.set("bootstrapClusterCreatorAdmin", bootstrapClusterCreatorAdmin);
    }

    public String getState() {
        return values.string("state");
    }

    @DataBoundSetter
    public void setState(String state) {
        values.set("state", state);
    }

    public boolean isDryRun() {
        return values.bool("dryRun", Steps.CLUSTER.arguments());
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
            return "EKS cluster and its IAM OIDC provider";
        }

        @Override
        public EksIrsaClusterBuilder newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return (EksIrsaClusterBuilder) super.newInstance(req, Forms.normalize(formData, Steps.CLUSTER.arguments()));
        }

        /** One form per operation: the help lives beside the Pipeline step's form. */
        @Override
        public String getHelpFile(String fieldName) {
            return Jenkins.get().getDescriptorOrDie(EksIrsaClusterStep.class).getHelpFile(fieldName);
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
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "name", value);
        }

        @POST
        public FormValidation doCheckKubernetesVersion(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "kubernetesVersion", value);
        }

        @POST
        public FormValidation doCheckSubnetIds(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "subnetIds", value);
        }

        @POST
        public FormValidation doCheckSecurityGroupIds(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "securityGroupIds", value);
        }

        @POST
        public FormValidation doCheckClusterRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "clusterRoleArn", value);
        }

        @POST
        public FormValidation doCheckNodegroupName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "nodegroupName", value);
        }

        @POST
        public FormValidation doCheckInstanceTypes(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "instanceTypes", value);
        }

        @POST
        public FormValidation doCheckMinSize(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "minSize", value);
        }

        @POST
        public FormValidation doCheckDesiredSize(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "desiredSize", value);
        }

        @POST
        public FormValidation doCheckMaxSize(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "maxSize", value);
        }

        @POST
        public FormValidation doCheckNodeRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "nodeRoleArn", value);
        }

        @POST
        public FormValidation doCheckAccessPrincipalArns(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "accessPrincipalArns", value);
        }

        @POST
        public FormValidation doCheckProfile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "profile", value);
        }

        @POST
        public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "endpointUrl", value);
        }

        @POST
        public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "roleArn", value);
        }

        @POST
        public FormValidation doCheckExternalId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "externalId", value);
        }

        @POST
        public FormValidation doCheckSessionName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "sessionName", value);
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "duration", value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.check(item, Steps.CLUSTER, "timeout", value);
        }
    }
}
