package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an IRSA role run did (or, in a dry run, would do).
 *
 * @param trustPolicy the role's trust policy after the run, as a map; empty when the role is gone
 * @param restarted workloads rolled, {@code Kind/namespace/name}
 */
public record IrsaRoleResult(
        String roleArn,
        String roleName,
        Map<String, Object> trustPolicy,
        List<String> serviceAccounts,
        List<String> targetRoleArns,
        boolean created,
        boolean updated,
        List<String> restarted,
        List<Change> changes,
        List<String> warnings,
        boolean dryRun)
        implements StepResult {

    public IrsaRoleResult {
        trustPolicy = trustPolicy == null ? Map.of() : trustPolicy;
        serviceAccounts = List.copyOf(serviceAccounts);
        targetRoleArns = List.copyOf(targetRoleArns);
        restarted = List.copyOf(restarted == null ? List.of() : restarted);
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    /** Only String, Boolean, List and Map values: safe as a Pipeline return value and as CLI JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("roleArn", roleArn);
        map.put("roleName", roleName);
        map.put("trustPolicy", trustPolicy);
        map.put("serviceAccounts", new ArrayList<>(serviceAccounts));
        map.put("targetRoleArns", new ArrayList<>(targetRoleArns));
        map.put("created", created);
        map.put("updated", updated);
        map.put("restarted", new ArrayList<>(restarted));
        return StepResult.withOutcome(map, this);
    }
}
