package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The effect of amazon-eks-pod-identity-webhook on a pod being created whose service account carries
 * {@code eks.amazonaws.com/role-arn}. It runs at creation only, so existing pods never change.
 */
final class IrsaWebhook {
    static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
    static final String AUDIENCE = "eks.amazonaws.com/audience";
    static final String REGIONAL_STS = "eks.amazonaws.com/sts-regional-endpoints";
    static final String TOKEN_EXPIRATION = "eks.amazonaws.com/token-expiration";
    static final String SKIP_CONTAINERS = "eks.amazonaws.com/skip-containers";
    static final String VOLUME = "aws-iam-token";
    static final String MOUNT_PATH = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
    static final String TOKEN_FILE = MOUNT_PATH + "/token";
    static final long DEFAULT_EXPIRATION = 86400;
    static final long MIN_EXPIRATION = 600;

    private final String region;

    /** @param region the cluster's region, injected as AWS_REGION / AWS_DEFAULT_REGION like EKS does; may be null */
    IrsaWebhook(String region) {
        this.region = region;
    }

    /** Mutates {@code pod} in place; returns whether anything was injected. */
    boolean mutate(ObjectNode pod, JsonNode serviceAccount) {
        JsonNode annotations = serviceAccount.path("metadata").path("annotations");
        String roleArn = annotations.path(ROLE_ARN).asText("");
        if (roleArn.isBlank()) {
            return false;
        }
        String audience = annotations.path(AUDIENCE).asText("sts.amazonaws.com");
        boolean regional = annotations.path(REGIONAL_STS).asText("").equalsIgnoreCase("true");
        long expiration = expiration(annotations.path(TOKEN_EXPIRATION).asText(""));
        Set<String> skipped = Arrays.stream(pod.path("metadata")
                        .path("annotations")
                        .path(SKIP_CONTAINERS)
                        .asText("")
                        .split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());

        ObjectNode spec = pod.with("spec");
        boolean mutated = false;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : spec.path(list)) {
                if (container instanceof ObjectNode c
                        && !skipped.contains(c.path("name").asText())) {
                    mutated |= injectContainer(c, roleArn, regional);
                }
            }
        }
        if (mutated) {
            addVolume(spec, audience, expiration);
        }
        return mutated;
    }

    private boolean injectContainer(ObjectNode container, String roleArn, boolean regional) {
        ArrayNode env = container.withArray("env");
        // The webhook leaves a container alone that already chose its own role or token file.
        if (hasEnv(env, "AWS_ROLE_ARN") || hasEnv(env, "AWS_WEB_IDENTITY_TOKEN_FILE")) {
            return false;
        }
        if (regional) {
            addEnv(env, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
        }
        if (region != null) {
            addEnv(env, "AWS_DEFAULT_REGION", region);
            addEnv(env, "AWS_REGION", region);
        }
        addEnv(env, "AWS_ROLE_ARN", roleArn);
        addEnv(env, "AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE);
        ArrayNode mounts = container.withArray("volumeMounts");
        boolean mounted = false;
        for (JsonNode mount : mounts) {
            mounted |= MOUNT_PATH.equals(mount.path("mountPath").asText());
        }
        if (!mounted) {
            mounts.addObject().put("name", VOLUME).put("readOnly", true).put("mountPath", MOUNT_PATH);
        }
        return true;
    }

    private static void addVolume(ObjectNode spec, String audience, long expiration) {
        ArrayNode volumes = spec.withArray("volumes");
        for (JsonNode volume : volumes) {
            if (VOLUME.equals(volume.path("name").asText())) {
                return;
            }
        }
        ObjectNode projected = volumes.addObject().put("name", VOLUME).putObject("projected");
        projected
                .putArray("sources")
                .addObject()
                .putObject("serviceAccountToken")
                .put("audience", audience)
                .put("expirationSeconds", expiration)
                .put("path", "token");
        projected.put("defaultMode", 420);
    }

    private static long expiration(String annotation) {
        try {
            long seconds = Long.parseLong(annotation.trim());
            return Math.max(MIN_EXPIRATION, Math.min(DEFAULT_EXPIRATION, seconds));
        } catch (NumberFormatException e) {
            return DEFAULT_EXPIRATION;
        }
    }

    private static boolean hasEnv(ArrayNode env, String name) {
        for (JsonNode var : env) {
            if (name.equals(var.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void addEnv(ArrayNode env, String name, String value) {
        if (!hasEnv(env, name)) {
            env.addObject().put("name", name).put("value", value);
        }
    }
}
