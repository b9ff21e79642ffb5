package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.EksIrsaException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Kubernetes refusals as engine exceptions; fabric8's messages name URL and status, never the bearer token. */
final class KubeFailures {
    private KubeFailures() {}

    static EksIrsaException translate(String what, KubernetesClientException e) {
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        String message = what + " failed: " + reason;
        return switch (e.getCode()) {
            case 401, 403 -> new AccessDeniedException(message, null, e);
            case 409 -> new ConflictException(message, null, e);
            default -> new EksIrsaException(message, null, e);
        };
    }
}
