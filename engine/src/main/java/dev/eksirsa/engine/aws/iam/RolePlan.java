package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import java.util.List;

/**
 * The differences between one role and what it should be.
 *
 * @param trustAfter the trust policy once the plan is applied; null when the role will not exist
 */
public record RolePlan(String arn, boolean exists, PolicyDocument trustAfter, List<PlannedChange> changes) {

    public RolePlan {
        changes = List.copyOf(changes);
    }

    public boolean creates() {
        return !exists && !changes.isEmpty();
    }
}
