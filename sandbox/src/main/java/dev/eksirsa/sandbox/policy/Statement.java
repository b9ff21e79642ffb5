package dev.eksirsa.sandbox.policy;

import java.util.List;

/**
 * One policy statement. {@code actions} holds the Action or, when {@code notAction}, the NotAction values; likewise
 * {@code resources}/{@code notResource} and {@code principals}/{@code notPrincipal}. A statement without a Resource
 * element (trust policies) has an empty {@code resources} list and {@code notResource == false}.
 */
public record Statement(
        String sid,
        Effect effect,
        List<String> actions,
        boolean notAction,
        List<String> resources,
        boolean notResource,
        Principals principals,
        boolean notPrincipal,
        List<Condition> conditions) {

    public Statement {
        actions = actions == null ? List.of() : List.copyOf(actions);
        resources = resources == null ? List.of() : List.copyOf(resources);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** True when the statement carries a Resource or NotResource element. */
    public boolean hasResourceElement() {
        return notResource || !resources.isEmpty();
    }
}
