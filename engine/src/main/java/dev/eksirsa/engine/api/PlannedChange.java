package dev.eksirsa.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A change and the calls that make it; a dry run reports {@link #change()} and never runs {@link #apply()}.
 * {@link #applyAll} is the one apply loop every step uses.
 */
public record PlannedChange(Change change, Runnable apply) {

    public PlannedChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(apply, "apply");
    }

    /**
     * Makes the planned changes in order, or in a dry run only lists them; returns what was (or would be) changed.
     * A failure stops the loop: what came before it stays made, and a re-run plans only what is left.
     */
    public static List<Change> applyAll(List<PlannedChange> plan, boolean dryRun) {
        List<Change> done = new ArrayList<>();
        for (PlannedChange change : plan) {
            if (!dryRun) {
                change.apply().run();
            }
            done.add(change.change());
        }
        return done;
    }
}
