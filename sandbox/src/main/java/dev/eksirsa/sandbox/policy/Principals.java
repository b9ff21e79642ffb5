package dev.eksirsa.sandbox.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of a Principal or NotPrincipal element. {@code "Principal": "*"} is {@code wildcard == true} with an
 * empty map; the object form keeps its types (AWS, Federated, Service, CanonicalUser) in document order.
 */
public record Principals(Map<String, List<String>> byType, boolean wildcard) {

    public static final String AWS = "AWS";
    public static final String FEDERATED = "Federated";
    public static final String SERVICE = "Service";
    public static final String CANONICAL_USER = "CanonicalUser";

    public Principals {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (byType != null) {
            byType.forEach((type, ids) -> copy.put(type, List.copyOf(ids)));
        }
        byType = Collections.unmodifiableMap(copy);
    }

    public static Principals anyone() {
        return new Principals(Map.of(), true);
    }

    public static Principals of(String type, String... ids) {
        return new Principals(Map.of(type, List.of(ids)), false);
    }

    /** The identifiers listed for {@code type}, empty when the type is absent. */
    public List<String> ids(String type) {
        return byType.getOrDefault(type, List.of());
    }
}
