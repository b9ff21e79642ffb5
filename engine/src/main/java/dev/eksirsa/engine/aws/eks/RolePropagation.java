package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.IamPropagation;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;

/**
 * EKS rejects a role created seconds ago ("could not be assumed", "does not exist") until IAM has propagated it
 * (terraform-provider-aws #6566 waits up to 2 minutes). Runs a create call through the shared {@link IamPropagation}
 * retry, which retries only that rejection, and only when eks-irsa created the role in this run.
 */
final class RolePropagation {
    private final Duration poll;
    private final Duration timeout;
    private final ProgressListener progress;

    RolePropagation(Duration poll, Duration timeout, ProgressListener progress) {
        this.poll = poll;
        this.timeout = timeout;
        this.progress = progress;
    }

    static RolePropagation standard(ProgressListener progress) {
        return new RolePropagation(IamPropagation.DEFAULT_POLL, IamPropagation.DEFAULT_TIMEOUT, progress);
    }

    static boolean notYetPropagated(Throwable e) {
        if (!(e instanceof InvalidParameterException invalid) || invalid.getMessage() == null) {
            return false;
        }
        String m = invalid.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("role")
                && (m.contains("assume")
                        || m.contains("does not exist")
                        || m.contains("not found")
                        || m.contains("trusted entit"));
    }

    <T> T call(String what, Class<T> responseType, Supplier<T> call, Deadline deadline) {
        return new IamPropagation(poll, timeout, RolePropagation::notYetPropagated, "usable by EKS")
                .call(what, responseType, call, progress, deadline);
    }
}
