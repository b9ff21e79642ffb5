package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import java.util.List;

/**
 * The differences between one role and what it should be.
 *
 * @param trustAfter the trust policy once the plan is applied; null when the role will not exist
 */
record RolePlan(String arn, boolean exists, PolicyDocument trustAfter, List<PlannedChange> changes) {

    RolePlan {
        changes = List.copyOf(changes);
    }

    boolean creates() {
        return !exists && !changes.isEmpty();
    }
}
