package dev.eksirsa.sandbox.http;

/** An error answered to the client in the shape of the service's protocol. Never carries a secret. */
public class AwsError extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean sender;

    public AwsError(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public AwsError(int status, String code, String message, boolean sender) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.sender = sender;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean sender() {
        return sender;
    }

    public static AwsError validation(String message) {
        return new AwsError(400, "ValidationError", message);
    }

    public static AwsError noSuchEntity(String message) {
        return new AwsError(404, "NoSuchEntity", message);
    }

    public static AwsError accessDenied(String message) {
        return new AwsError(403, "AccessDenied", message);
    }
}
