package io.jenkins.plugins.eksirsa;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.eksirsa.engine.steps.FormChecks;
import dev.eksirsa.engine.steps.Step;
import hudson.model.Item;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import software.amazon.awssdk.regions.Region;

/**
 * What every form method of this plugin does after its permission check, and the checks themselves as the
 * credentials plugin documents them for consumers: configuring a job needs {@code Item.CONFIGURE} on it, global
 * forms need {@code Jenkins.ADMINISTER}; listing credentials ids needs {@code EXTENDED_READ} or {@code USE_ITEM}.
 */
final class FormAccess {
    private FormAccess() {}

    static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    static boolean canListCredentials(Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Checks one field with the engine's own rules; no network. */
    static FormValidation check(Item item, Step<?, ?> step, String field, String value) {
        if (!canConfigure(item)) {
            return FormValidation.ok();
        }
        return FormChecks.check(step, field, value)
                .map(rule -> FormValidation.error(field + " " + rule))
                .orElse(FormValidation.ok());
    }

    /** AWS credentials (aws-credentials, or username/password as access key and secret key) the job may use. */
    static ListBoxModel credentials(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!canListCredentials(item)) {
            result.includeCurrentValue(current);
            return result;
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeAs(ACL.SYSTEM2, Jenkins.get(), AmazonWebServicesCredentials.class);
            result.includeAs(ACL.SYSTEM2, Jenkins.get(), StandardUsernamePasswordCredentials.class);
        } else {
            result.includeAs(ACL.SYSTEM2, item, AmazonWebServicesCredentials.class);
            result.includeAs(ACL.SYSTEM2, item, StandardUsernamePasswordCredentials.class);
        }
        result.includeCurrentValue(current);
        return result;
    }

    /** Secret-text credentials (the Harness API key, a delegate token) the job may use. */
    static ListBoxModel secretTexts(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!canListCredentials(item)) {
            result.includeCurrentValue(current);
            return result;
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class);
        } else {
            result.includeAs(ACL.SYSTEM2, item, StringCredentials.class);
        }
        result.includeCurrentValue(current);
        return result;
    }

    /** The SDK's regions, plus the current value (a new region, a sandbox's), plus "from the environment". */
    static ListBoxModel regions(Item item, String current) {
        ListBoxModel model = new ListBoxModel();
        model.add("(from AWS_REGION of the build)", "");
        if (!canConfigure(item)) {
            if (current != null && !current.isBlank()) {
                model.add(current);
            }
            return model;
        }
        List<String> regions = Region.regions().stream()
                .filter(r -> !r.isGlobalRegion())
                .map(Region::id)
                .sorted()
                .toList();
        regions.forEach(model::add);
        if (current != null && !current.isBlank() && !regions.contains(current)) {
            model.add(current);
        }
        return model;
    }

    static ListBoxModel choices(Item item, List<String> values) {
        ListBoxModel model = new ListBoxModel();
        if (canConfigure(item)) {
            values.forEach(model::add);
        }
        return model;
    }
}
