package dev.eksirsa.engine.api;

import java.time.Duration;

/** A wait ended without reaching its goal; the message names the resource, the goal, attempts and time. */
public class WaitTimeoutException extends EksIrsaException {

    public WaitTimeoutException(String resource, String goal, int attempts, Duration waited, Throwable cause) {
        super(
                "timed out waiting for " + resource + " to become " + goal + " after " + attempts + " attempts ("
                        + Durations.human(waited) + ")",
                null,
                cause);
    }

    @Override
    public String type() {
        return "Timeout";
    }
}
