package dev.eksirsa.engine.aws;

import software.amazon.awssdk.core.retry.RetryMode;

/** The SDK retry strategy every client of a connection shares. */
public enum RetryStyle {
    /** Exponential backoff with jitter, 3 retries: the SDK's default. */
    STANDARD(RetryMode.STANDARD),
    /** Standard plus client-side rate limiting when AWS throttles: for big fan-outs. */
    ADAPTIVE(RetryMode.ADAPTIVE_V2);

    private final RetryMode sdkMode;

    RetryStyle(RetryMode sdkMode) {
        this.sdkMode = sdkMode;
    }

    RetryMode sdkMode() {
        return sdkMode;
    }
}
