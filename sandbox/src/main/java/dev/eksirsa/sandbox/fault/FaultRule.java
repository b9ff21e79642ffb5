package dev.eksirsa.sandbox.fault;

import java.time.Duration;

/**
 * One injected fault. {@code service} and {@code action} of null match every call; {@code times} counts how
 * many matching calls it still affects (negative: unlimited).
 */
public record FaultRule(String service, String action, Kind kind, Duration latency, int times) {

    public enum Kind {
        LATENCY,
        THROTTLE,
        SERVER_ERROR
    }

    public static FaultRule latency(String service, String action, Duration latency) {
        return new FaultRule(service, action, Kind.LATENCY, latency, -1);
    }

    public static FaultRule throttle(String service, String action, int times) {
        return new FaultRule(service, action, Kind.THROTTLE, Duration.ZERO, times);
    }

    public static FaultRule serverError(String service, String action, int times) {
        return new FaultRule(service, action, Kind.SERVER_ERROR, Duration.ZERO, times);
    }

    boolean matches(String service, String action) {
        return (this.service == null || this.service.equals(service))
                && (this.action == null || this.action.equals(action));
    }
}
