package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.Change;
import java.util.Objects;

/** A change and the AWS calls that make it; a dry run reports {@link #change()} and never runs {@link #apply()}. */
public record PlannedChange(Change change, Runnable apply) {

    public PlannedChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(apply, "apply");
    }
}
