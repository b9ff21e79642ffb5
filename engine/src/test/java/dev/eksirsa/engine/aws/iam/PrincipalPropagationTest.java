package dev.eksirsa.engine.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.WaitTimeoutException;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;

class PrincipalPropagationTest {
    private final PrincipalPropagation fast = new PrincipalPropagation(Duration.ofMillis(20), Duration.ofMillis(400));

    @Test
    void call_invalidPrincipalTwice_retriesAndReportsEachAttempt() {
        AtomicInteger calls = new AtomicInteger();
        SandboxAws.Lines lines = new SandboxAws.Lines();

        String result = fast.call(
                "update of role r",
                String.class,
                () -> {
                    if (calls.incrementAndGet() <= 2) {
                        throw invalidPrincipal();
                    }
                    return "ok";
                },
                lines);

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(lines.all).hasSize(2).allMatch(l -> l.contains("IAM has not propagated the new role yet"));
    }

    @Test
    void call_invalidPrincipalForever_timesOutWithTheBound() {
        assertThatThrownBy(() -> fast.call(
                        "update of role r",
                        String.class,
                        () -> {
                            throw invalidPrincipal();
                        },
                        new SandboxAws.Lines()))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("update of role r");
    }

    @Test
    void call_otherErrors_areNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> fast.call(
                        "update of role r",
                        String.class,
                        () -> {
                            calls.incrementAndGet();
                            throw IamException.builder()
                                    .statusCode(403)
                                    .awsErrorDetails(AwsErrorDetails.builder()
                                            .errorCode("AccessDenied")
                                            .errorMessage("no")
                                            .build())
                                    .build();
                        },
                        new SandboxAws.Lines()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(calls).hasValue(1);
    }

    private static MalformedPolicyDocumentException invalidPrincipal() {
        return (MalformedPolicyDocumentException) MalformedPolicyDocumentException.builder()
                .statusCode(400)
                .message("Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:role/r1\"")
                .build();
    }
}
