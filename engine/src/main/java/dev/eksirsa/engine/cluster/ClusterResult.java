package dev.eksirsa.engine.cluster;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster step found and did. Fields about the cluster are null when it does not exist (dry run
 * before creation, or after {@code state: absent}).
 *
 * @param status EKS's status (ACTIVE, CREATING…), or {@code MISSING}/{@code DELETED}
 * @param created whether this run created (or, in a dry run, would create) the cluster
 * @param changes made, or in a dry run planned
 * @param warnings things the user should look at: foreign resources left alone, unreachable issuer
 */
public record ClusterResult(
        String name,
        String arn,
        String accountId,
        String region,
        String status,
        String version,
        String endpoint,
        String certificateAuthority,
        String oidcIssuer,
        String oidcProviderArn,
        boolean created,
        boolean oidcProviderCreated,
        List<NodegroupSummary> nodeGroups,
        List<Change> changes,
        List<String> warnings,
        boolean dryRun)
        implements StepResult {
    public static final String MISSING = "MISSING";
    public static final String DELETED = "DELETED";

    public ClusterResult {
        nodeGroups = List.copyOf(nodeGroups == null ? List.of() : nodeGroups);
        changes = List.copyOf(changes == null ? List.of() : changes);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    /** Only String, Boolean, Integer, List and Map: safe as a Pipeline return value and as CLI JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("arn", arn);
        map.put("accountId", accountId);
        map.put("region", region);
        map.put("status", status);
        map.put("version", version);
        map.put("endpoint", endpoint);
        map.put("certificateAuthority", certificateAuthority);
        map.put("oidcIssuer", oidcIssuer);
        map.put("oidcProviderArn", oidcProviderArn);
        map.put("created", created);
        map.put("oidcProviderCreated", oidcProviderCreated);
        map.put("nodeGroups", nodeGroups.stream().map(NodegroupSummary::toMap).toList());
        return StepResult.withOutcome(map, this);
    }
}
