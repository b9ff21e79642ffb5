package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.InvalidInputException;

/**
 * The Kubernetes side of an IRSA role: the optional pod identity webhook annotations, and whether to roll the
 * workloads whose pods were created before the service account carried the role.
 *
 * @param stsRegionalEndpoints null to leave the webhook's default
 * @param tokenExpiration seconds, 600-86400; null for the webhook's default (86400)
 * @param overrideExisting take over a service account annotated with a role eks-irsa did not put there (eksctl's
 *     overrideExistingServiceAccounts); the previous role is kept on the object and restored on teardown
 */
public record ServiceAccountOptions(
        Boolean stsRegionalEndpoints, Integer tokenExpiration, boolean restartPods, boolean overrideExisting) {
    public static final ServiceAccountOptions DEFAULTS = new ServiceAccountOptions(null, null, false, false);

    public ServiceAccountOptions(Boolean stsRegionalEndpoints, Integer tokenExpiration, boolean restartPods) {
        this(stsRegionalEndpoints, tokenExpiration, restartPods, false);
    }

    public ServiceAccountOptions {
        if (tokenExpiration != null && (tokenExpiration < 600 || tokenExpiration > 86400)) {
            throw new InvalidInputException("tokenExpiration", "must be between 600 and 86400 seconds");
        }
    }
}
