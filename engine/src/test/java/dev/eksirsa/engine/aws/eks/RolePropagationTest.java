package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.WaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.eks.model.CreateClusterResponse;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;

class RolePropagationTest {
    private final SandboxAws.Lines lines = new SandboxAws.Lines();
    private final RolePropagation propagation =
            new RolePropagation(Duration.ofMillis(20), Duration.ofMillis(500), lines);

    @Test
    void call_roleNotYetAssumable_isRetriedUntilAccepted() {
        AtomicInteger calls = new AtomicInteger();

        CreateClusterResponse response = propagation.call(
                "creation of EKS cluster \"a\"",
                CreateClusterResponse.class,
                () -> {
                    if (calls.incrementAndGet() < 3) {
                        throw notPropagated();
                    }
                    return CreateClusterResponse.builder().build();
                },
                Deadline.NONE);

        assertThat(response).isNotNull();
        assertThat(calls).hasValue(3);
        assertThat(lines.all).hasSize(2).allMatch(l -> l.startsWith("INFO IAM has not propagated the new role yet"));
    }

    @Test
    void call_otherError_isTranslatedAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> propagation.call(
                        "creation of EKS cluster \"a\"",
                        CreateClusterResponse.class,
                        () -> {
                            calls.incrementAndGet();
                            throw EksException.builder()
                                    .statusCode(403)
                                    .requestId("req-9")
                                    .awsErrorDetails(AwsErrorDetails.builder()
                                            .errorCode("AccessDeniedException")
                                            .errorMessage("not allowed")
                                            .build())
                                    .build();
                        },
                        Deadline.NONE))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("creation of EKS cluster \"a\" failed: AccessDeniedException: not allowed")
                .hasMessageContaining("req-9");
        assertThat(calls).hasValue(1);
    }

    @Test
    void call_overallBudgetUsedUp_triesOnceThenTimesOut() {
        AtomicInteger calls = new AtomicInteger();
        Deadline usedUp = new Deadline(Instant.now().minusSeconds(10), Duration.ofSeconds(5));

        assertThatThrownBy(() -> propagation.call(
                        "creation of EKS cluster \"a\"",
                        CreateClusterResponse.class,
                        () -> {
                            calls.incrementAndGet();
                            throw notPropagated();
                        },
                        usedUp))
                .isInstanceOf(WaitTimeoutException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void call_neverPropagated_endsInWaitTimeout() {
        assertThatThrownBy(() -> propagation.call(
                        "creation of EKS cluster \"a\"",
                        CreateClusterResponse.class,
                        () -> {
                            throw notPropagated();
                        },
                        Deadline.NONE))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("the new IAM role for creation of EKS cluster \"a\" to become usable by EKS");
    }

    private static InvalidParameterException notPropagated() {
        return InvalidParameterException.builder()
                .message("Role with arn: arn:aws:iam::111122223333:role/x, could not be assumed because it does not"
                        + " exist or the trusted entity is not correct")
                .build();
    }
}
