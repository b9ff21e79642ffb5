package dev.eksirsa.sandbox.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults switched on per test: latency, throttling, 5xx, and IAM's eventual consistency (a new role cannot be
 * assumed for a while). All off by default.
 */
public final class Faults {
    private final List<Rule> rules = new ArrayList<>();
    private volatile Duration iamPropagationDelay = Duration.ZERO;
    private volatile Duration baseLatency = Duration.ZERO;

    private static final class Rule {
        final FaultRule spec;
        int remaining;

        Rule(FaultRule spec) {
            this.spec = spec;
            this.remaining = spec.times();
        }
    }

    public synchronized void add(FaultRule rule) {
        rules.add(new Rule(rule));
    }

    public synchronized void clear() {
        rules.clear();
        iamPropagationDelay = Duration.ZERO;
    }

    public Duration iamPropagationDelay() {
        return iamPropagationDelay;
    }

    public void iamPropagationDelay(Duration delay) {
        this.iamPropagationDelay = delay;
    }

    /**
     * A round-trip time every call of every API pays, as a remote service's would; set when the sandbox starts and
     * kept by {@link #clear()}.
     */
    public void baseLatency(Duration latency) {
        this.baseLatency = latency;
    }

    /** Applies the matching faults to a call about to be served: sleeps, and returns the error to answer, if any. */
    public Optional<InjectedError> beforeCall(String service, String action) {
        Duration sleep = baseLatency;
        InjectedError error = null;
        synchronized (this) {
            for (Rule rule : rules) {
                if (rule.remaining == 0 || !rule.spec.matches(service, action)) {
                    continue;
                }
                switch (rule.spec.kind()) {
                    case LATENCY -> sleep = sleep.plus(rule.spec.latency());
                    case THROTTLE -> error = error != null ? error : throttling(service);
                    case SERVER_ERROR -> error = error != null
                            ? error
                            : new InjectedError(500, serverErrorCode(service), "Internal failure (injected)");
                }
                if (rule.remaining > 0) {
                    rule.remaining--;
                }
            }
        }
        if (!sleep.isZero()) {
            try {
                Thread.sleep(sleep.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(error);
    }

    private static String serverErrorCode(String service) {
        return switch (service) {
            case "eks" -> "ServerException";
            case "kubernetes" -> "InternalError";
            case "harness" -> "UNEXPECTED";
            default -> "ServiceFailure";
        };
    }

    private static InjectedError throttling(String service) {
        return switch (service) {
            case "eks" -> new InjectedError(429, "ThrottlingException", "Rate exceeded");
            case "kubernetes" -> new InjectedError(
                    429, "TooManyRequests", "Too many requests, please try again later.");
            case "harness" -> new InjectedError(429, "TOO_MANY_REQUESTS", "Too many requests");
            case "ec2" -> new InjectedError(503, "RequestLimitExceeded", "Request limit exceeded.");
            default -> new InjectedError(400, "Throttling", "Rate exceeded");
        };
    }

    /** The error a faulted call answers, in the service's own words. */
    public record InjectedError(int status, String code, String message) {}
}
