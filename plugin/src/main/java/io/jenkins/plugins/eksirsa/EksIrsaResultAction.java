package io.jenkins.plugins.eksirsa;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one freestyle eks-irsa build step did: its result as environment variables for later build steps, and a
 * summary (variables, changes, warnings) on the build page ({@code summary.jelly}). Holds no secrets: results
 * carry names and ARNs only.
 */
public final class EksIrsaResultAction implements EnvironmentContributingAction {
    private final String step;
    private final LinkedHashMap<String, String> variables;
    private final ArrayList<String> changes;
    private final ArrayList<String> warnings;
    private final ArrayList<String> checks;

    EksIrsaResultAction(String step, Map<String, Object> result, Map<String, String> variables) {
        this.step = step;
        this.variables = new LinkedHashMap<>(variables);
        this.changes = new ArrayList<>();
        if (result.get("changes") instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> change) {
                    changes.add(change.get("action") + " " + change.get("kind") + " " + change.get("id")
                            + (change.get("detail") == null ? "" : ": " + change.get("detail")));
                }
            }
        }
        this.warnings = new ArrayList<>();
        if (result.get("warnings") instanceof List<?> list) {
            list.forEach(w -> warnings.add(String.valueOf(w)));
        }
        this.checks = new ArrayList<>();
        if (result.get("checks") instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> check) {
                    checks.add(check.get("status") + " " + check.get("id") + " " + check.get("resource") + ": "
                            + check.get("message") + (String.valueOf(check.get("fix")).isEmpty() ? "" : " (fix: " + check.get("fix") + ")"));
                }
            }
        }
    }

    /** verifyIrsa's checks, one line each. */
    public List<String> getChecks() {
        return checks;
    }

    public String getStep() {
        return step;
    }

    public Map<String, String> getVariables() {
        return variables;
    }

    public List<String> getChanges() {
        return changes;
    }

    public List<String> getWarnings() {
        return warnings;
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        env.putAll(variables);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "eks-irsa: " + step;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
