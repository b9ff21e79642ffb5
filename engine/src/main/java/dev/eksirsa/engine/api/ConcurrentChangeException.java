package dev.eksirsa.engine.api;

/**
 * Someone else changed the same resource between this run's read and its write (AWS's EntityAlreadyExists,
 * ConcurrentModification): a re-read and re-plan converges, which the steps do before giving up.
 */
public class ConcurrentChangeException extends ConflictException {
    public ConcurrentChangeException(String message, String requestId, Throwable cause) {
        super(message, requestId, cause);
    }
}
