package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.Durations;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.WaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * IAM is eventually consistent: a role created seconds ago is refused by the next call that names it (EKS "could
 * not be assumed", IAM "Invalid principal in policy") until it has propagated. Runs one call in an SDK waiter that
 * retries only the rejection {@code notYetPropagated} recognises, at a fixed {@code poll} within {@code timeout} (cut to
 * what is left of the run's {@link Deadline}), reporting every retry; any other error is translated at once.
 *
 * @param goal what the new role must become, for the timeout message ("usable by EKS")
 */
public record IamPropagation(Duration poll, Duration timeout, Predicate<Throwable> notYetPropagated, String goal) {
    /** The Terraform AWS provider retries such rejections for up to 2 minutes; so do we by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

    public IamPropagation {
        if (poll.isNegative() || poll.isZero() || timeout.compareTo(poll) < 0) {
            throw new IllegalArgumentException("poll must be positive and no longer than timeout");
        }
    }

    public <T> T call(String what, Class<T> type, Supplier<T> call, ProgressListener progress, Deadline deadline) {
        Duration left = deadline.cap(this.timeout);
        // with nothing left the call is still made once: it may not need a retry
        Duration timeout = left.isZero() ? Duration.ofMillis(1) : left;
        Duration poll = timeout.compareTo(this.poll) < 0 ? timeout : this.poll;
        int maxAttempts = left.isZero() ? 1 : (int) (timeout.toMillis() / poll.toMillis()) + 1;
        Instant start = Instant.now();
        AtomicInteger attempts = new AtomicInteger(1);
        BackoffStrategy reporting = attempt -> {
            progress.info("IAM has not propagated the new role yet; retrying " + what + " (attempt "
                    + attempts.incrementAndGet() + ", " + Durations.human(Duration.between(start, Instant.now()))
                    + " of at most " + Durations.human(timeout) + ")");
            return poll;
        };
        Waiter<T> waiter = Waiter.builder(type)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> true))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(notYetPropagated))
                .build();
        try {
            return waiter.run(call, o -> o.backoffStrategyV2(reporting)
                            .waitTimeout(timeout)
                            .maxAttempts(maxAttempts))
                    .matched()
                    .response()
                    .orElseThrow();
        } catch (SdkClientException e) {
            // the waiter wraps an error no acceptor matched; report AWS's own
            if (e.getCause() instanceof AwsServiceException aws && !notYetPropagated.test(aws)) {
                throw AwsErrors.translate(what, aws);
            }
            // only the propagation rejection is retried, so anything else here is the waiter giving up
            throw new WaitTimeoutException(
                    "the new IAM role for " + what, goal, attempts.get(), Duration.between(start, Instant.now()), e);
        } catch (AwsServiceException e) {
            throw AwsErrors.translate(what, e);
        }
    }
}
