package dev.eksirsa.sandbox.fault;

import java.time.Duration;

/**
 * One injected fault. {@code service} and {@code action} of null match every call; {@code times} counts how
 * many matching calls it still affects (negative: unlimited); {@code status} is the HTTP status a
 * {@link Kind#SERVER_ERROR} answers with (500 or 503).
 */
public record FaultRule(String service, String action, Kind kind, Duration latency, int times, int status) {

    public enum Kind {
        LATENCY,
        THROTTLE,
        SERVER_ERROR,
        /** The connection is closed without an answer, as when a load balancer or the server process drops it. */
        CONNECTION_RESET,
        /** Kubernetes only, writes only: 409 Conflict, the object changed since it was read. */
        CONFLICT
    }

    public FaultRule {
        if (kind == Kind.SERVER_ERROR && status / 100 != 5) {
            throw new IllegalArgumentException("a server error answers 5xx, not " + status);
        }
    }

    public static FaultRule latency(String service, String action, Duration latency) {
        return new FaultRule(service, action, Kind.LATENCY, latency, -1, 0);
    }

    public static FaultRule throttle(String service, String action, int times) {
        return new FaultRule(service, action, Kind.THROTTLE, Duration.ZERO, times, 0);
    }

    public static FaultRule serverError(String service, String action, int times) {
        return serverError(service, action, times, 500);
    }

    /** A burst of 5xx answers: 500 (an internal failure) or 503 (unavailable), in the service's own words. */
    public static FaultRule serverError(String service, String action, int times, int status) {
        return new FaultRule(service, action, Kind.SERVER_ERROR, Duration.ZERO, times, status);
    }

    public static FaultRule connectionReset(String service, String action, int times) {
        return new FaultRule(service, action, Kind.CONNECTION_RESET, Duration.ZERO, times, 0);
    }

    /** Kubernetes writes answered 409 Conflict ("the object has been modified"); reads pass. */
    public static FaultRule conflict(String action, int times) {
        return new FaultRule("kubernetes", action, Kind.CONFLICT, Duration.ZERO, times, 0);
    }

    boolean matches(String service, String action, boolean write) {
        return (this.service == null || this.service.equals(service))
                && (this.action == null || this.action.equals(action))
                && (kind != Kind.CONFLICT || write);
    }
}
