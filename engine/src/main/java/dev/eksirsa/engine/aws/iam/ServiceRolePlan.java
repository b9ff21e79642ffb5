package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.PlannedChange;
import java.util.List;

/** A service role's ARN, known at planning time, and the changes that make the role as needed. */
public record ServiceRolePlan(String arn, List<PlannedChange> changes) {
    public ServiceRolePlan {
        changes = List.copyOf(changes);
    }
}
