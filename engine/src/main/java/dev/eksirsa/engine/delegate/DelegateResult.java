package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the delegate step did. It failed (exit 1, the build fails) when the delegate did not connect in time or a
 * connector test did not succeed; the result map is complete either way.
 *
 * @param manifest in a dry run, the manifest that would be applied with its Secrets' values redacted; else null
 */
public record DelegateResult(
        String name,
        String namespace,
        String serviceAccount,
        String image,
        int readyReplicas,
        boolean connected,
        List<ConnectorStatus> connectors,
        List<String> fixes,
        List<Change> changes,
        List<String> warnings,
        boolean dryRun,
        boolean absent,
        String manifest)
        implements StepResult {

    /** A connector as the step left it; {@code status} is the test's, or NOT_TESTED. */
    public record ConnectorStatus(String id, String type, String status, List<Map<String, Object>> errors) {
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", id);
            map.put("type", type);
            map.put("status", status);
            map.put("errors", new ArrayList<>(errors));
            return map;
        }

        public boolean failed() {
            return !status.equals("SUCCESS") && !status.equals("NOT_TESTED");
        }
    }

    public DelegateResult {
        connectors = List.copyOf(connectors);
        fixes = List.copyOf(fixes);
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    @Override
    public boolean succeeded() {
        return dryRun || absent || (connected && connectors.stream().noneMatch(ConnectorStatus::failed));
    }

    @Override
    public String failureSummary() {
        if (!connected) {
            return "delegate " + name + " did not connect to Harness in time (" + readyReplicas + " replicas ready)";
        }
        return connectors.stream()
                .filter(ConnectorStatus::failed)
                .map(c -> "connector " + c.id() + " test " + c.status()
                        + (c.errors().isEmpty() ? "" : ": " + c.errors().get(0).get("message")))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("namespace", namespace);
        map.put("serviceAccount", serviceAccount);
        map.put("image", image);
        map.put("readyReplicas", readyReplicas);
        map.put("connected", connected);
        map.put("connectors", connectors.stream().map(ConnectorStatus::toMap).toList());
        map.put("manifestFixes", new ArrayList<>(fixes));
        if (manifest != null) {
            map.put("manifest", manifest);
        }
        return StepResult.withOutcome(map, this);
    }
}
