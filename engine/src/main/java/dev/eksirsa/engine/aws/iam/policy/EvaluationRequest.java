package dev.eksirsa.engine.aws.iam.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a policy is asked about.
 *
 * @param principalType {@code AWS}, {@code Federated} or {@code Service}; null for identity policies
 * @param principal the caller's ARN (or provider ARN, or service name); null for identity policies
 * @param resource null for trust policies, which have none
 * @param context condition keys (case-insensitive) to their values
 */
public record EvaluationRequest(
        String principalType, String principal, String action, String resource, Map<String, List<String>> context) {

    public EvaluationRequest {
        Objects.requireNonNull(action, "action");
        Map<String, List<String>> lowered = new LinkedHashMap<>();
        if (context != null) {
            context.forEach((k, v) -> lowered.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        }
        context = Map.copyOf(lowered);
    }

    /** May this identity call {@code action} on {@code resource}? */
    public static EvaluationRequest identity(String action, String resource) {
        return new EvaluationRequest(null, null, action, resource, null);
    }

    /** May this principal assume the role whose trust policy is evaluated? */
    public static EvaluationRequest trust(
            String principalType, String principal, String action, Map<String, List<String>> context) {
        return new EvaluationRequest(principalType, principal, action, null, context);
    }
}
