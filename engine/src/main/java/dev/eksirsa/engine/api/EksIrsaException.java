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
        super(withRequestId(printable(message), requestId), cause);
        this.requestId = requestId == null || requestId.isBlank() ? null : requestId;
    }

    /** The error type of the CLI's JSON error object: InvalidInput, AccessDenied, Timeout, Conflict, Failure. */
    public String type() {
        return "Failure";
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Control characters (from input quoted in a message) shown as {@code \\uXXXX}: a value cannot forge log
     * lines or move the terminal's cursor.
     */
    static String printable(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String withRequestId(String message, String requestId) {
        return requestId == null || requestId.isBlank() ? message : message + " (request id " + requestId + ")";
    }
}
