package dev.eksirsa.sandbox.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request asks for. Condition keys are looked up ignoring case, as IAM does; a key mapped to an empty list
 * counts as absent.
 */
public record RequestContext(String action, String resource, PrincipalRef principal, Map<String, List<String>> keys) {

    public RequestContext {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (keys != null) {
            keys.forEach((k, v) -> caseInsensitive.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        keys = Collections.unmodifiableMap(caseInsensitive);
    }

    /** The values of a condition key, or an empty list when the request does not carry it. */
    public List<String> values(String key) {
        return keys.getOrDefault(key, List.of());
    }
}
