package dev.eksirsa.engine.api;

/** A resource exists in a state we may not change, e.g. one not created by eks-irsa, or one being deleted. */
public class ConflictException extends EksIrsaException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }

    @Override
    public String type() {
        return "Conflict";
    }
}
