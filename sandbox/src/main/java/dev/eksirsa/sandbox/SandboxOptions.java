package dev.eksirsa.sandbox;

import java.time.Clock;
import java.time.Duration;

/**
 * How a sandbox starts.
 *
 * @param clusterActivationDelay how long a new EKS cluster stays CREATING (AWS: ~10 minutes)
 * @param nodegroupActivationDelay how long a new node group stays CREATING
 * @param callLatency what every call of every API (AWS, Kubernetes, Harness) waits before it is served, as a
 *     remote service's round trip would
 * @param iamWriteRate IAM's mutating calls per second and account before it answers {@code Throttling}; 0 or
 *     less: unlimited
 */
public record SandboxOptions(
        String region,
        int accountCount,
        Duration clusterActivationDelay,
        Duration nodegroupActivationDelay,
        Clock clock,
        Duration callLatency,
        double iamWriteRate) {

    public SandboxOptions {
        if (accountCount < 1) {
            throw new IllegalArgumentException("accountCount must be at least 1");
        }
    }

    /**
     * IAM's mutating calls per second and account, as IAM's own throttling lets through: the standalone sandbox's
     * default ({@code eks-irsa sandbox}, the benchmark). In-process sandboxes of tests write unthrottled unless a
     * test asks for it ({@link #withIamWriteRate}), so that a test counting calls counts no throttled retry.
     */
    public static final double DEFAULT_IAM_WRITE_RATE = 10;

    public static SandboxOptions defaults() {
        return new SandboxOptions(
                "us-east-1", 2, Duration.ofSeconds(2), Duration.ofSeconds(2), Clock.systemUTC(), Duration.ZERO, 0);
    }

    public SandboxOptions withRegion(String region) {
        return new SandboxOptions(
                region,
                accountCount,
                clusterActivationDelay,
                nodegroupActivationDelay,
                clock,
                callLatency,
                iamWriteRate);
    }

    public SandboxOptions withClusterActivationDelay(Duration delay) {
        return new SandboxOptions(
                region, accountCount, delay, nodegroupActivationDelay, clock, callLatency, iamWriteRate);
    }

    public SandboxOptions withNodegroupActivationDelay(Duration delay) {
        return new SandboxOptions(
                region, accountCount, clusterActivationDelay, delay, clock, callLatency, iamWriteRate);
    }

    public SandboxOptions withCallLatency(Duration latency) {
        return new SandboxOptions(
                region, accountCount, clusterActivationDelay, nodegroupActivationDelay, clock, latency, iamWriteRate);
    }

    public SandboxOptions withIamWriteRate(double perSecond) {
        return new SandboxOptions(
                region, accountCount, clusterActivationDelay, nodegroupActivationDelay, clock, callLatency, perSecond);
    }
}
