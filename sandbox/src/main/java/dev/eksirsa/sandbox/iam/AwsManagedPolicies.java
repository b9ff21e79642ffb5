package dev.eksirsa.sandbox.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AWS-managed policies the project uses, loaded from resources (see managed/README.md). */
final class AwsManagedPolicies {
    static final List<String> NAMES = List.of(
            "AdministratorAccess",
            "AmazonS3FullAccess",
            "AmazonS3ReadOnlyAccess",
            "AmazonEC2FullAccess",
            "AmazonEKSClusterPolicy",
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly");
    private static final Instant PUBLISHED = Instant.parse("2015-02-06T18:40:00Z");

    private AwsManagedPolicies() {}

    static Map<String, ManagedPolicy> load() {
        Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
        for (String name : NAMES) {
            String arn = "arn:aws:iam::aws:policy/" + name;
            ManagedPolicy policy = new ManagedPolicy(name, "/", arn, "ANPA" + stableSuffix(name), PUBLISHED, true);
            policy.versions.put("v1", read(name));
            policy.versionDates.put("v1", PUBLISHED);
            policy.defaultVersionId = "v1";
            policy.nextVersion = 2;
            policies.put(arn, policy);
        }
        return Map.copyOf(policies);
    }

    private static String read(String name) {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("managed/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing managed policy resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stableSuffix(String name) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder s = new StringBuilder();
        int h = name.hashCode();
        for (int i = 0; i < 17; i++) {
            s.append(alphabet.charAt(Math.floorMod(h * 31 + i * 7919, alphabet.length())));
            h = h * 1103515245 + 12345;
        }
        return s.toString();
    }
}
