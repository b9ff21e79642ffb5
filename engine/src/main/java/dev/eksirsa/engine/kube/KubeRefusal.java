package dev.eksirsa.engine.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Why a call to the Kubernetes API failed, as far as access goes. */
enum KubeRefusal {
    UNAUTHORIZED,
    FORBIDDEN,
    UNREACHABLE,
    OTHER;

    static KubeRefusal of(KubernetesClientException e) {
        if (e.getCode() == 401) {
            return UNAUTHORIZED;
        }
        if (e.getCode() == 403) {
            return FORBIDDEN;
        }
        // fabric8 reports connection failures (refused, timeout, DNS, TLS) with no HTTP status and an I/O cause
        return e.getCode() <= 0 && hasIoCause(e) ? UNREACHABLE : OTHER;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
