package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.Durations;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.api.WaitTimeoutException;
import dev.eksirsa.engine.aws.AwsErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;
import software.amazon.awssdk.services.eks.waiters.EksWaiter;

/**
 * The SDK's EKS waiters with a fixed poll interval, a timeout and a progress line per attempt
 * ("Waiting for EKS cluster x to become ACTIVE (attempt 7, 3m10s)"). Each wait takes at most what is left of the
 * run's deadline.
 */
final class EksWaits {
    private final EksClient eks;
    private final WaitSettings limits;
    private final Deadline deadline;
    private final ProgressListener progress;

    EksWaits(EksClient eks, WaitSettings limits, Deadline deadline, ProgressListener progress) {
        this.eks = eks;
        this.limits = limits;
        this.deadline = deadline;
        this.progress = progress;
    }

    Deadline deadline() {
        return deadline;
    }

    /** The cluster as the poll that saw it ACTIVE described it, so that nobody needs to describe it again. */
    Optional<Cluster> clusterActive(String name) {
        WaiterResponse<?> response = await(
                "EKS cluster \"" + name + "\"", "ACTIVE", (w, o) -> w.waitUntilClusterActive(b -> b.name(name), o));
        return response.matched()
                .response()
                .filter(DescribeClusterResponse.class::isInstance)
                .map(r -> ((DescribeClusterResponse) r).cluster());
    }

    void clusterDeleted(String name) {
        await("EKS cluster \"" + name + "\"", "deleted", (w, o) -> w.waitUntilClusterDeleted(b -> b.name(name), o));
    }

    void nodegroupActive(String cluster, String nodegroup) {
        await(
                "EKS node group \"" + nodegroup + "\" of " + cluster,
                "ACTIVE",
                (w, o) -> w.waitUntilNodegroupActive(b -> b.clusterName(cluster).nodegroupName(nodegroup), o));
    }

    void nodegroupDeleted(String cluster, String nodegroup) {
        await(
                "EKS node group \"" + nodegroup + "\" of " + cluster,
                "deleted",
                (w, o) ->
                        w.waitUntilNodegroupDeleted(b -> b.clusterName(cluster).nodegroupName(nodegroup), o));
    }

    private interface WaitCall {
        WaiterResponse<?> wait(
                EksWaiter waiter, java.util.function.Consumer<WaiterOverrideConfiguration.Builder> override);
    }

    private WaiterResponse<?> await(String resource, String goal, WaitCall call) {
        Duration left = deadline.cap(limits.timeout());
        if (left.isZero()) {
            throw new WaitTimeoutException(resource, goal, 0, Duration.ZERO, null);
        }
        WaitSettings settings = limits.cappedAt(left);
        Instant start = Instant.now();
        AtomicInteger attempts = new AtomicInteger(1);
        Duration poll = settings.pollInterval();
        // The waiter asks the backoff strategy before every retry: the one hook it offers to report progress.
        BackoffStrategy reporting = attempt -> {
            int next = attempts.incrementAndGet();
            progress.info("Waiting for " + resource + " to become " + goal + " (attempt " + next + " of "
                    + settings.maxAttempts() + ", " + Durations.human(Duration.between(start, Instant.now())) + ")");
            // our own count: the SDK's attempt number does not start where the schedule does
            return settings.delayAfter(next - 1);
        };
        progress.info("Waiting for " + resource + " to become " + goal + " (poll after "
                + Durations.human(settings.firstPoll()) + ", doubling up to every " + Durations.human(poll)
                + ", timeout " + Durations.human(settings.timeout()) + ")");
        // A success may be an exception (ResourceNotFound when waiting for deletion); failures are thrown.
        WaiterResponse<?> response;
        try (EksWaiter waiter = EksWaiter.builder().client(eks).build()) {
            response = call.wait(waiter, o -> o.backoffStrategyV2(reporting)
                    .maxAttempts(settings.maxAttempts())
                    .waitTimeout(settings.timeout()));
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("waiting for " + resource + " to become " + goal, e);
        } catch (SdkClientException e) {
            Duration waited = Duration.between(start, Instant.now());
            // The SDK gives up when the next poll would pass the timeout, so "within one poll of it" is a timeout.
            if (attempts.get() >= settings.maxAttempts() || waited.plus(poll).compareTo(settings.timeout()) >= 0) {
                throw new WaitTimeoutException(resource, goal, attempts.get(), waited, e);
            }
            // the waiter's own text ("did not match any waiter acceptors") hides why: its cause says it
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : e.getMessage();
            throw new EksIrsaException(resource + " did not become " + goal + ": " + reason, null, e);
        }
        progress.info(resource + " is " + goal + " after " + Durations.human(Duration.between(start, Instant.now())));
        return response;
    }
}
