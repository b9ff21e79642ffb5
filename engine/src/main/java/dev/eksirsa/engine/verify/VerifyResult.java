package dev.eksirsa.engine.verify;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What verification found. Read-only: {@code changes} is always empty. Passed when no check failed (nor warned,
 * with {@code failOnWarning}).
 *
 * @param identities per hop of the live chain: roleArn, arn (the caller reached), account
 */
public record VerifyResult(
        String cluster,
        String namespace,
        String serviceAccount,
        boolean failOnWarning,
        List<Check> checks,
        List<Map<String, Object>> identities,
        long durationMs,
        List<String> warnings)
        implements StepResult {

    public VerifyResult {
        checks = List.copyOf(checks);
        identities = List.copyOf(identities);
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return checks.stream()
                .noneMatch(c -> c.status() == Check.Status.FAIL || failOnWarning && c.status() == Check.Status.WARN);
    }

    public long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    @Override
    public List<Change> changes() {
        return List.of();
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    @Override
    public boolean succeeded() {
        return passed();
    }

    @Override
    public String failureSummary() {
        return checks.stream()
                        .filter(c ->
                                c.status() == Check.Status.FAIL || failOnWarning && c.status() == Check.Status.WARN)
                        .map(c -> c.id() + " " + c.status() + ": " + c.message())
                        .findFirst()
                        .orElse("not passed")
                + " (" + count(Check.Status.FAIL) + " failed, " + count(Check.Status.WARN) + " warnings)";
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", passed());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Check.Status s : Check.Status.values()) {
            summary.put(s.name().toLowerCase(java.util.Locale.ROOT), (int) count(s));
        }
        map.put("summary", summary);
        map.put("checks", new ArrayList<>(checks.stream().map(Check::toMap).toList()));
        map.put("identities", new ArrayList<>(identities));
        map.put("durationMs", durationMs);
        return StepResult.withOutcome(map, this);
    }
}
