package dev.eksirsa.engine.api;

import java.util.Optional;

/**
 * The engine's one unchecked exception root. The message names the resource and the reason; an AWS request
 * id is kept when AWS gave one. Messages never contain credentials, tokens or policy bodies.
 */
public class EksIrsaException extends RuntimeException {
    private final String requestId;

    public EksIrsaException(String message) {
        this(message, null, null);
    }

    public EksIrsaException(String message, String requestId, Throwable cause) {
        super(withRequestId(message, requestId), cause);
        this.requestId = requestId == null || requestId.isBlank() ? null : requestId;
    }

    /** The error type of the CLI's JSON error object: InvalidInput, AccessDenied, Timeout, Conflict, Failure. */
    public String type() {
        return "Failure";
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    private static String withRequestId(String message, String requestId) {
        return requestId == null || requestId.isBlank() ? message : message + " (request id " + requestId + ")";
    }
}
