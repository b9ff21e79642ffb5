package io.jenkins.plugins.eksirsa;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.steps.CallerIdentity;
import dev.eksirsa.engine.steps.StepContext;
import dev.eksirsa.engine.steps.Steps;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Defaults every eks-irsa step takes where it names nothing itself, and the controller rule: whether a step that
 * runs on the controller may use the controller's own AWS identity (off by default, so that a job author cannot
 * borrow the controller's instance role). Configuration as Code: {@code unclassified: eksIrsa: region: …}.
 */
@Extension
@Symbol("eksIrsa")
public class EksIrsaGlobalConfiguration extends GlobalConfiguration {
    private String region;
    private String credentialsId;
    private String roleArn;
    private String externalId;
    private boolean allowControllerIdentity;
    private String managerUrl;
    private String accountId;
    private String apiKeyCredentialsId;

    public EksIrsaGlobalConfiguration() {
        load();
    }

    public static EksIrsaGlobalConfiguration get() {
        return GlobalConfiguration.all().get(EksIrsaGlobalConfiguration.class);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = blankToNull(region);
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
        save();
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = blankToNull(roleArn);
        save();
    }

    public String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        this.externalId = blankToNull(externalId);
        save();
    }

    public boolean isAllowControllerIdentity() {
        return allowControllerIdentity;
    }

    @DataBoundSetter
    public void setAllowControllerIdentity(boolean allowControllerIdentity) {
        this.allowControllerIdentity = allowControllerIdentity;
        save();
    }

    public String getManagerUrl() {
        return managerUrl;
    }

    @DataBoundSetter
    public void setManagerUrl(String managerUrl) {
        this.managerUrl = blankToNull(managerUrl);
        save();
    }

    public String getAccountId() {
        return accountId;
    }

    @DataBoundSetter
    public void setAccountId(String accountId) {
        this.accountId = blankToNull(accountId);
        save();
    }

    public String getApiKeyCredentialsId() {
        return apiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setApiKeyCredentialsId(String apiKeyCredentialsId) {
        this.apiKeyCredentialsId = blankToNull(apiKeyCredentialsId);
        save();
    }

    /**
     * The step's arguments with these defaults where the step names none: the region; the credentials id when the
     * step names neither credentials id nor profile; the role to assume first (with its external id) when the step
     * names none.
     */
    Map<String, Object> applyDefaults(String step, Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        var declared = Steps.byPipelineName(step).orElseThrow().arguments();
        // the Harness step's: manager, account, API key (unless the step names a variable for it)
        if (declared.find("accountId").isPresent()) {
            if (managerUrl != null) {
                out.putIfAbsent("managerUrl", managerUrl);
            }
            if (accountId != null) {
                out.putIfAbsent("accountId", accountId);
            }
            if (apiKeyCredentialsId != null && out.get("apiKeyEnv") == null) {
                out.putIfAbsent("apiKeyCredentialsId", apiKeyCredentialsId);
            }
        }
        if (region != null) {
            out.putIfAbsent("region", region);
        }
        if (credentialsId != null && out.get("credentialsId") == null && out.get("profile") == null) {
            out.put("credentialsId", credentialsId);
        }
        if (roleArn != null && out.get("roleArn") == null) {
            out.put("roleArn", roleArn);
            if (externalId != null) {
                out.putIfAbsent("externalId", externalId);
            }
        }
        return out;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormAccess.credentials((Item) null, credentialsId);
    }

    @POST
    public ListBoxModel doFillRegionItems(@QueryParameter String region) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormAccess.regions(null, region);
    }

    @POST
    public ListBoxModel doFillApiKeyCredentialsIdItems(@QueryParameter String apiKeyCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormAccess.secretTexts(null, apiKeyCredentialsId);
    }

    @POST
    public FormValidation doCheckManagerUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormAccess.check(null, Steps.DELEGATE, "managerUrl", value);
    }

    @POST
    public FormValidation doCheckRoleArn(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormAccess.check(null, Steps.ROLE, "roleArn", value);
    }

    /** Who the defaults act as: sts:GetCallerIdentity from the controller, administrators only. */
    @POST
    public FormValidation doTestConnection(
            @QueryParameter String region,
            @QueryParameter String credentialsId,
            @QueryParameter String roleArn,
            @QueryParameter String externalId,
            @QueryParameter boolean allowControllerIdentity) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Map<String, Object> arguments = new LinkedHashMap<>();
        put(arguments, "region", region);
        put(arguments, "credentialsId", credentialsId);
        put(arguments, "roleArn", roleArn);
        put(arguments, "externalId", externalId);
        try {
            Map<String, StoredCredentials> stored = new LinkedHashMap<>();
            String id = blankToNull(credentialsId);
            if (id != null) {
                StandardCredentials found = CredentialsProvider.lookupCredentialsInItemGroup(
                                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of())
                        .stream()
                        .filter(c -> id.equals(c.getId()))
                        .findFirst()
                        .orElseThrow(() -> new AbortException("no credentials with id " + id));
                stored.put(id, JenkinsCredentials.of("credentialsId", id, found));
            } else if (!allowControllerIdentity) {
                return FormValidation.error("Choose credentials, or allow the controller's own AWS identity");
            }
            ConnectionRef ref = ConnectionRef.fromArguments(Steps.CLUSTER
                    .arguments()
                    .parse(withName(arguments)));
            Map<String, String> env = new EnvVars(EnvVars.masterEnvVars);
            StepContext context = new StepContext(
                    new EnvironmentConnectionResolver(env, id == null, stored), env, null);
            return FormValidation.ok("Connected as " + CallerIdentity.arn(ref, context));
        } catch (EksIrsaException | AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static Map<String, Object> withName(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        out.put("name", "connection-test");
        return out;
    }

    private static void put(Map<String, Object> map, String key, String value) {
        String v = blankToNull(value);
        if (v != null) {
            map.put(key, v);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
