package dev.eksirsa.engine.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends a Kubernetes write again when the API server answered 409 "the object has been modified" (optimistic
 * concurrency: someone wrote the object between our read and our write, e.g. a parallel run or a controller). A
 * server-side apply carries no resourceVersion, so sending it again applies our fields to the latest object. A
 * field-manager conflict, also a 409, is a different refusal and is not retried.
 */
final class ModifiedConflicts {
    static final int ATTEMPTS = 5;
    private static final Duration FIRST_WAIT = Duration.ofMillis(50);

    private ModifiedConflicts() {}

    static <T> T retry(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (KubernetesClientException e) {
                if (!modified(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                pause(FIRST_WAIT.multipliedBy(1L << (attempt - 1)), e);
            }
        }
    }

    static boolean modified(KubernetesClientException e) {
        return e.getCode() == 409
                && e.getStatus() != null
                && e.getStatus().getMessage() != null
                && e.getStatus().getMessage().contains("the object has been modified");
    }

    private static void pause(Duration wait, KubernetesClientException refused) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw refused;
        }
    }
}
