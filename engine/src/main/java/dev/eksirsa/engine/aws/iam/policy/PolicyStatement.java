package dev.eksirsa.engine.aws.iam.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One statement of an IAM policy. Every value list keeps IAM's either-a-string-or-a-list as a list.
 *
 * @param sid null when the statement has none
 * @param principals null for identity policies; {@code "*"} is kept as {@code {"AWS": ["*"]}}
 * @param conditions operator (e.g. {@code StringEquals}) to condition key to values
 */
public record PolicyStatement(
        String sid,
        Effect effect,
        Map<String, List<String>> principals,
        Map<String, List<String>> notPrincipals,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        List<String> notResources,
        Map<String, Map<String, List<String>>> conditions) {

    public static final String OUR_SID_PREFIX = "EksIrsa";

    public PolicyStatement {
        Objects.requireNonNull(effect, "effect");
        if (sid != null && !sid.matches("[A-Za-z0-9]*")) {
            throw new MalformedPolicyException("a Sid must be letters and digits only");
        }
        principals = copyValues(principals);
        notPrincipals = copyValues(notPrincipals);
        actions = actions == null ? List.of() : List.copyOf(actions);
        notActions = notActions == null ? List.of() : List.copyOf(notActions);
        resources = resources == null ? List.of() : List.copyOf(resources);
        notResources = notResources == null ? List.of() : List.copyOf(notResources);
        if (actions.isEmpty() == notActions.isEmpty()) {
            throw new MalformedPolicyException("a statement needs exactly one of Action or NotAction");
        }
        Map<String, Map<String, List<String>>> copied = new TreeMap<>();
        if (conditions != null) {
            conditions.forEach((op, keys) -> copied.put(op, copyValues(keys)));
        }
        conditions = Collections.unmodifiableMap(copied);
    }

    /** An identity-policy statement. */
    public static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return new PolicyStatement(sid, Effect.ALLOW, null, null, actions, null, resources, null, null);
    }

    /** A trust-policy statement. */
    public static PolicyStatement trust(
            String sid,
            Map<String, List<String>> principals,
            List<String> actions,
            Map<String, Map<String, List<String>>> conditions) {
        return new PolicyStatement(sid, Effect.ALLOW, principals, null, actions, null, null, null, conditions);
    }

    /** Whether eks-irsa wrote this statement (CLI.md: its Sid starts with {@code EksIrsa}). */
    public boolean ours() {
        return sid != null && sid.startsWith(OUR_SID_PREFIX);
    }

    private static Map<String, List<String>> copyValues(Map<String, List<String>> map) {
        if (map == null) {
            return null;
        }
        Map<String, List<String>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }
}
