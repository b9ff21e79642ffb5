package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.api.Durations;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.WaitTimeoutException;
import dev.eksirsa.engine.aws.AwsErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;

/**
 * IAM refuses a trust policy naming a role created seconds ago ("Invalid principal in policy") until the new role
 * has propagated; the Terraform provider retries that for up to 2 minutes. Used only for trust policies that name
 * the IRSA role this very run created, and every retry is reported.
 */
public record PrincipalPropagation(Duration poll, Duration timeout) {

    public PrincipalPropagation {
        if (poll.isNegative() || poll.isZero() || timeout.compareTo(poll) < 0) {
            throw new IllegalArgumentException("poll must be positive and no longer than timeout");
        }
    }

    public static PrincipalPropagation standard() {
        return new PrincipalPropagation(Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    static boolean notYetPropagated(Throwable e) {
        return e instanceof MalformedPolicyDocumentException m
                && m.getMessage() != null
                && m.getMessage().contains("Invalid principal");
    }

    <T> T call(String what, Class<T> type, Supplier<T> call, ProgressListener progress) {
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
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(PrincipalPropagation::notYetPropagated))
                .build();
        try {
            return waiter.run(call, o -> o.backoffStrategyV2(reporting)
                            .waitTimeout(timeout)
                            .maxAttempts((int) (timeout.toMillis() / poll.toMillis()) + 1))
                    .matched()
                    .response()
                    .orElseThrow();
        } catch (SdkClientException e) {
            if (e.getCause() instanceof AwsServiceException aws && !notYetPropagated(aws)) {
                throw AwsErrors.translate(what, aws);
            }
            throw new WaitTimeoutException(
                    "the new IAM role named in " + what,
                    "accepted as a principal",
                    attempts.get(),
                    Duration.between(start, Instant.now()),
                    e);
        } catch (AwsServiceException e) {
            throw AwsErrors.translate(what, e);
        }
    }
}
