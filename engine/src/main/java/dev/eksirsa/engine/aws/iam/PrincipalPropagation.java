package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.IamPropagation;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;

/**
 * IAM refuses a trust policy naming a role created seconds ago ("Invalid principal in policy") until the new role
 * has propagated. Used only for trust policies that name the IRSA role this very run created; the retry itself is
 * the shared {@link IamPropagation}.
 *
 * @param deadline the run's overall budget; the retry takes at most what is left of it
 */
public record PrincipalPropagation(Duration poll, Duration timeout, Deadline deadline) {

    public PrincipalPropagation {
        retry(poll, timeout); // validates the bounds
        deadline = deadline == null ? Deadline.NONE : deadline;
    }

    public PrincipalPropagation(Duration poll, Duration timeout) {
        this(poll, timeout, Deadline.NONE);
    }

    public static PrincipalPropagation standard() {
        return new PrincipalPropagation(IamPropagation.DEFAULT_POLL, IamPropagation.DEFAULT_TIMEOUT);
    }

    /** The standard retry, bounded by the run's {@code deadline} (the CLI's {@code --timeout}). */
    public static PrincipalPropagation within(Deadline deadline) {
        return new PrincipalPropagation(IamPropagation.DEFAULT_POLL, IamPropagation.DEFAULT_TIMEOUT, deadline);
    }

    public static boolean notYetPropagated(Throwable e) {
        return e instanceof MalformedPolicyDocumentException m
                && m.getMessage() != null
                && m.getMessage().contains("Invalid principal");
    }

    <T> T call(String what, Class<T> type, Supplier<T> call, ProgressListener progress) {
        return retry(poll, timeout).call(what, type, call, progress, deadline);
    }

    private static IamPropagation retry(Duration poll, Duration timeout) {
        return new IamPropagation(poll, timeout, PrincipalPropagation::notYetPropagated, "accepted as a principal");
    }
}
