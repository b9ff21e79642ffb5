package dev.eksirsa.engine.api;

import java.util.List;
import java.util.Map;

/**
 * What every step returns: its own keys plus the outcome every result map carries ({@code changes},
 * {@code warnings}, {@code dryRun}; ../shared/CLI.md). {@link #toMap()} holds only String, Boolean, Integer, List
 * and Map values: safe as a Pipeline return value and as CLI JSON.
 */
public interface StepResult {
    List<Change> changes();

    List<String> warnings();

    boolean dryRun();

    Map<String, Object> toMap();

    /**
     * Whether the step reached what it was asked for; false makes the CLI exit 1 and a Jenkins build fail, with the
     * full result still reported (a connector test that failed, a delegate that did not connect in time).
     */
    default boolean succeeded() {
        return true;
    }

    /** One line on why {@link #succeeded()} is false, for a build log: names and statuses, never secrets. */
    default String failureSummary() {
        return "did not succeed";
    }

    default boolean changed() {
        return !changes().isEmpty();
    }

    /** Adds the outcome keys to a result map. */
    static Map<String, Object> withOutcome(Map<String, Object> map, StepResult result) {
        map.put("changes", result.changes().stream().map(Change::toMap).toList());
        map.put("warnings", List.copyOf(result.warnings()));
        map.put("dryRun", result.dryRun());
        return map;
    }
}
