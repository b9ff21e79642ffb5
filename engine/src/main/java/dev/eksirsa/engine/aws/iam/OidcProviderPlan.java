package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.PlannedChange;
import java.util.List;

/**
 * The differences between the IAM OIDC provider of an issuer and what IRSA needs.
 *
 * @param exists whether IAM has a provider for the issuer now
 * @param ours whether it carries our ownership tag (so we may repair or delete it)
 */
public record OidcProviderPlan(String arn, boolean exists, boolean ours, List<PlannedChange> changes) {

    public OidcProviderPlan {
        changes = List.copyOf(changes);
    }

    public boolean creates() {
        return !exists && !changes.isEmpty();
    }
}
