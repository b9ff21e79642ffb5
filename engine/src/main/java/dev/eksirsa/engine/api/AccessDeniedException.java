package dev.eksirsa.engine.api;

/** AWS (or Kubernetes) refused the caller; the message says which action on which resource. */
public class AccessDeniedException extends EksIrsaException {

    public AccessDeniedException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }

    @Override
    public String type() {
        return "AccessDenied";
    }
}
