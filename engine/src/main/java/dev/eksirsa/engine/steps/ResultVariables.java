package dev.eksirsa.engine.steps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A step's result as environment variables for later build steps of a freestyle job: {@code EKS_IRSA_}, the step's
 * command as qualifier, then the result key in upper snake case ({@code eksIrsaCluster}'s {@code endpoint} →
 * {@code EKS_IRSA_CLUSTER_ENDPOINT}, {@code irsaRole}'s {@code created} → {@code EKS_IRSA_ROLE_CREATED}). Keys that
 * already name what they are keep their name ({@code roleArn} → {@code EKS_IRSA_ROLE_ARN}, {@code oidcProviderArn}
 * → {@code EKS_IRSA_OIDC_PROVIDER_ARN}). Lists of strings are joined by commas; nested results (changes, node
 * groups) and documents are left out: they are in the build's summary.
 */
public final class ResultVariables {
    public static final String PREFIX = "EKS_IRSA_";
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final List<String> LEFT_OUT =
            List.of("changes", "trustPolicy", "certificateAuthority", "nodeGroups");
    private static final List<String> SELF_NAMED = List.of("oidc", "serviceAccount", "targetRole");

    private ResultVariables() {}

    public static Map<String, String> of(Step<?, ?> step, Map<String, ?> result) {
        String qualifier = step.command();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : result.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null || LEFT_OUT.contains(key) || !isPlain(value)) {
                continue;
            }
            boolean named = key.startsWith(qualifier) || SELF_NAMED.stream().anyMatch(key::startsWith);
            String name = named ? key : qualifier + Character.toUpperCase(key.charAt(0)) + key.substring(1);
            out.put(variable(name), text(value));
        }
        return out;
    }

    /** {@code oidcProviderArn} → {@code EKS_IRSA_OIDC_PROVIDER_ARN}. */
    public static String variable(String key) {
        return PREFIX + CAMEL.matcher(key).replaceAll("_").toUpperCase(Locale.ROOT);
    }

    private static boolean isPlain(Object value) {
        return value instanceof String
                || value instanceof Boolean
                || value instanceof Number
                || value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String);
    }

    private static String text(Object value) {
        return value instanceof List<?> list
                ? String.join(",", list.stream().map(Objects::toString).toList())
                : value.toString();
    }
}
