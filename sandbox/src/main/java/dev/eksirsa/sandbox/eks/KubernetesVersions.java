package dev.eksirsa.sandbox.eks;

import java.util.List;
import java.util.Map;

/**
 * The Kubernetes versions EKS offers (standard and extended support, late 2025). Platform and AMI release
 * versions are plausible values of the right shape, not tracked against AWS.
 */
final class KubernetesVersions {
    static final String DEFAULT = "1.33";
    static final List<String> SUPPORTED = List.of("1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34");
    private static final Map<String, String> PLATFORM = Map.of(
            "1.28", "eks.47", "1.29", "eks.40", "1.30", "eks.36", "1.31", "eks.32", "1.32", "eks.18", "1.33", "eks.12",
            "1.34", "eks.4");
    private static final Map<String, String> PATCH =
            Map.of("1.28", "15", "1.29", "15", "1.30", "14", "1.31", "13", "1.32", "9", "1.33", "5", "1.34", "1");

    private KubernetesVersions() {}

    static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    static String platformVersion(String version) {
        return PLATFORM.getOrDefault(version, "eks.1");
    }

    /** An Amazon Linux 2023 node AMI release, e.g. {@code 1.33.5-20251016}. */
    static String nodeReleaseVersion(String version) {
        return version + "." + PATCH.getOrDefault(version, "0") + "-20251016";
    }
}
