package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Durations;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.WaitTimeoutException;
import dev.eksirsa.engine.aws.AwsErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;

/**
 * EKS rejects a role created seconds ago ("could not be assumed", "does not exist") until IAM has propagated it
 * (terraform-provider-aws #6566 waits up to 2 minutes). Runs a create call in an SDK waiter that retries only
 * that rejection, and only when eks-irsa created the role in this run.
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
        return new RolePropagation(Duration.ofSeconds(5), Duration.ofMinutes(2), progress);
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

    <T> T call(String what, Class<T> responseType, Supplier<T> call) {
        Instant start = Instant.now();
        AtomicInteger attempts = new AtomicInteger(1);
        BackoffStrategy reporting = attempt -> {
            progress.info("IAM has not propagated the new role yet; retrying " + what + " (attempt "
                    + attempts.incrementAndGet() + ", " + Durations.human(Duration.between(start, Instant.now()))
                    + ")");
            return poll;
        };
        Waiter<T> waiter = Waiter.builder(responseType)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> true))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(RolePropagation::notYetPropagated))
                .build();
        try {
            return waiter.run(call, o -> o.backoffStrategyV2(reporting)
                            .waitTimeout(timeout)
                            .maxAttempts((int) (timeout.toMillis() / poll.toMillis()) + 1))
                    .matched()
                    .response()
                    .orElseThrow();
        } catch (SdkClientException e) {
            // the waiter wraps an error it does not retry; report AWS's own
            if (e.getCause() instanceof AwsServiceException aws && !notYetPropagated(aws)) {
                throw AwsErrors.translate(what, aws);
            }
            // only the propagation error is retried, so anything else here is the waiter giving up
            throw new WaitTimeoutException(
                    "the new IAM role for " + what,
                    "usable by EKS",
                    attempts.get(),
                    Duration.between(start, Instant.now()),
                    e);
        }
    }
}
