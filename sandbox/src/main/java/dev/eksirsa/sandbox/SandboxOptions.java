package dev.eksirsa.sandbox;

import java.time.Clock;
import java.time.Duration;

/**
 * How a sandbox starts.
 *
 * @param clusterActivationDelay how long a new EKS cluster stays CREATING (AWS: ~10 minutes)
 * @param nodegroupActivationDelay how long a new node group stays CREATING
 */
public record SandboxOptions(
        String region,
        int accountCount,
        Duration clusterActivationDelay,
        Duration nodegroupActivationDelay,
        Clock clock) {

    public SandboxOptions {
        if (accountCount < 1) {
            throw new IllegalArgumentException("accountCount must be at least 1");
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions("us-east-1", 2, Duration.ofSeconds(2), Duration.ofSeconds(2), Clock.systemUTC());
    }

    public SandboxOptions withRegion(String region) {
        return new SandboxOptions(region, accountCount, clusterActivationDelay, nodegroupActivationDelay, clock);
    }

    public SandboxOptions withClusterActivationDelay(Duration delay) {
        return new SandboxOptions(region, accountCount, delay, nodegroupActivationDelay, clock);
    }

    public SandboxOptions withNodegroupActivationDelay(Duration delay) {
        return new SandboxOptions(region, accountCount, clusterActivationDelay, delay, clock);
    }
}
