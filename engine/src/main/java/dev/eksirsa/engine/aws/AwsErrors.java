package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.ConcurrentChangeException;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.EksIrsaException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into the engine's, naming the operation and resource and keeping AWS's request id.
 * AWS error messages name actions and ARNs, never the caller's secrets, so they are kept.
 */
public final class AwsErrors {
    private static final Set<String> DENIED = Set.of(
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "SignatureDoesNotMatch",
            "ExpiredToken",
            "ExpiredTokenException");
    private static final Set<String> CONFLICT = Set.of(
            "EntityAlreadyExists",
            "ResourceInUseException",
            "ResourceInUse",
            "ConcurrentModification",
            "DeleteConflict",
            "ResourceLimitExceededException",
            "LimitExceeded");

    private AwsErrors() {}

    /** Runs one AWS call; {@code what} reads like {@code create of EKS cluster "x" in us-east-1}. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw translate(what, e);
        } catch (SdkException e) {
            throw new EksIrsaException(what + " failed: " + e.getMessage(), null, e);
        }
    }

    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    public static EksIrsaException translate(String what, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        String text = what + " failed: " + (code == null ? "" : code + ": ") + message;
        if ((code != null && DENIED.contains(code)) || e.statusCode() == 403) {
            return new AccessDeniedException(text, e.requestId(), e);
        }
        if ("EntityAlreadyExists".equals(code) || "ConcurrentModification".equals(code)) {
            return new ConcurrentChangeException(text, e.requestId(), e);
        }
        if ((code != null && CONFLICT.contains(code)) || e.statusCode() == 409) {
            return new ConflictException(text, e.requestId(), e);
        }
        return new EksIrsaException(text, e.requestId(), e);
    }

    /** The error code, for callers that treat one code (NoSuchEntity, ResourceNotFound) as an answer. */
    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? ""
                : String.valueOf(e.awsErrorDetails().errorCode());
    }
}
