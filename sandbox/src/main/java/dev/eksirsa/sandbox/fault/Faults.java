package dev.eksirsa.sandbox.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults switched on per test: latency, throttling, 5xx, dropped connections, Kubernetes write conflicts, IAM's
 * eventual consistency (a new role or OIDC provider cannot be used for a while), and a run killed after its k-th
 * mutating call. All off by default.
 */
public final class Faults {
    private final List<Rule> rules = new ArrayList<>();
    private volatile Duration iamPropagationDelay = Duration.ZERO;
    private volatile Duration baseLatency = Duration.ZERO;
    private int killAfterMutating = -1;
    private int mutatingServed;

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
        killAfterMutating = -1;
        mutatingServed = 0;
    }

    public Duration iamPropagationDelay() {
        return iamPropagationDelay;
    }

    public void iamPropagationDelay(Duration delay) {
        this.iamPropagationDelay = delay;
    }

    /**
     * Simulates the calling process dying: once {@code k} mutating calls (on any API) have been served, every later
     * call's connection is dropped without an answer, until {@link #clear()}.
     */
    public synchronized void killAfterMutatingCalls(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        killAfterMutating = k;
        mutatingServed = 0;
    }

    /** Whether a kill switch has fired: the "process" is dead and every call is dropped. */
    public synchronized boolean killed() {
        return killAfterMutating > 0 && mutatingServed >= killAfterMutating;
    }

    /** Counts a call that was served (after {@link #beforeCall}), for {@link #killAfterMutatingCalls}. */
    public synchronized void served(boolean mutating) {
        if (mutating) {
            mutatingServed++;
        }
    }

    /**
     * A round-trip time every call of every API pays, as a remote service's would; set when the sandbox starts and
     * kept by {@link #clear()}.
     */
    public void baseLatency(Duration latency) {
        this.baseLatency = latency;
    }

    /** {@link #beforeCall(String, String, boolean)} for a call that is not a write. */
    public Optional<InjectedError> beforeCall(String service, String action) {
        return beforeCall(service, action, false);
    }

    /**
     * Applies the matching faults to a call about to be served: sleeps, and returns the error to answer, if any.
     *
     * @param write whether the call asks to change something (only writes meet {@link FaultRule.Kind#CONFLICT})
     */
    public Optional<InjectedError> beforeCall(String service, String action, boolean write) {
        Duration sleep = baseLatency;
        InjectedError error = null;
        synchronized (this) {
            if (killed()) {
                return Optional.of(InjectedError.RESET);
            }
            for (Rule rule : rules) {
                if (rule.remaining == 0 || !rule.spec.matches(service, action, write)) {
                    continue;
                }
                InjectedError next =
                        switch (rule.spec.kind()) {
                            case LATENCY -> null;
                            case THROTTLE -> throttling(service);
                            case SERVER_ERROR -> serverError(service, rule.spec.status());
                            case CONNECTION_RESET -> InjectedError.RESET;
                            case CONFLICT -> new InjectedError(
                                    409,
                                    "Conflict",
                                    "the object has been modified; please apply your changes to the latest version"
                                            + " and try again");
                        };
                if (rule.spec.kind() == FaultRule.Kind.LATENCY) {
                    sleep = sleep.plus(rule.spec.latency());
                } else if (error == null) {
                    error = next;
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

    private static InjectedError serverError(String service, int status) {
        if (status == 503) {
            return switch (service) {
                case "eks" -> new InjectedError(503, "ServiceUnavailableException", "Service Unavailable");
                case "kubernetes" -> new InjectedError(
                        503, "ServiceUnavailable", "the server is currently unable to handle the request");
                case "harness" -> new InjectedError(503, "SERVICE_UNAVAILABLE", "Service Unavailable");
                case "ec2" -> new InjectedError(
                        503, "Unavailable", "The server is overloaded and can't handle the request.");
                default -> new InjectedError(503, "ServiceUnavailable", "Service is unable to handle request.");
            };
        }
        return switch (service) {
            case "eks" -> new InjectedError(status, "ServerException", "Internal failure (injected)");
            case "kubernetes" -> new InjectedError(
                    status, "InternalError", "an error on the server has prevented the request from succeeding");
            case "harness" -> new InjectedError(status, "UNEXPECTED", "Internal failure (injected)");
            case "ec2" -> new InjectedError(status, "InternalError", "An internal error has occurred (injected)");
            default -> new InjectedError(status, "ServiceFailure", "Internal failure (injected)");
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

    /**
     * The error a faulted call answers, in the service's own words; {@link #RESET} (status 0) means no answer at
     * all: the connection is closed.
     */
    public record InjectedError(int status, String code, String message) {
        public static final InjectedError RESET = new InjectedError(0, "ConnectionReset", "connection closed");

        public boolean resetsConnection() {
            return status == 0;
        }
    }
}
