package dev.eksirsa.engine.steps;

import java.util.List;
import java.util.Optional;

/** Every step, in the order of the runbook. */
public final class Steps {
    public static final ClusterStep CLUSTER = new ClusterStep();
    public static final RoleStep ROLE = new RoleStep();
    public static final DelegateStep DELEGATE = new DelegateStep();
    public static final VerifyStep VERIFY = new VerifyStep();

    private Steps() {}

    public static List<Step<?, ?>> all() {
        return List.of(CLUSTER, ROLE, DELEGATE, VERIFY);
    }

    /** The step a Pipeline calls by this name ({@code eksIrsaCluster}, {@code irsaRole}). */
    public static Optional<Step<?, ?>> byPipelineName(String name) {
        return all().stream().filter(s -> s.pipelineName().equals(name)).findFirst();
    }
}
