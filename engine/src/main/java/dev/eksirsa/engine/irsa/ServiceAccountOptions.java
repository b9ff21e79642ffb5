package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.api.InvalidInputException;

/**
 * The Kubernetes side of an IRSA role: the optional pod identity webhook annotations, and whether to roll the
 * workloads whose pods were created before the service account carried the role.
 *
 * @param stsRegionalEndpoints null to leave the webhook's default
 * @param tokenExpiration seconds, 600-86400; null for the webhook's default (86400)
 */
public record ServiceAccountOptions(Boolean stsRegionalEndpoints, Integer tokenExpiration, boolean restartPods) {
    public static final ServiceAccountOptions DEFAULTS = new ServiceAccountOptions(null, null, false);

    public ServiceAccountOptions {
        if (tokenExpiration != null && (tokenExpiration < 600 || tokenExpiration > 86400)) {
            throw new InvalidInputException("tokenExpiration", "must be between 600 and 86400 seconds");
        }
    }
}
