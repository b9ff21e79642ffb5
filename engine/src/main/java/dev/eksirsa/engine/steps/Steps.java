package dev.eksirsa.engine.steps;

import java.util.List;

/** Every step, in the order of the runbook. */
public final class Steps {
    public static final ClusterStep CLUSTER = new ClusterStep();
    public static final RoleStep ROLE = new RoleStep();

    private Steps() {}

    public static List<Step<?, ?>> all() {
        return List.of(CLUSTER, ROLE);
    }
}
