package dev.eksirsa.sandbox.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived on the wire, before any decoding.
 *
 * @param method HTTP method, e.g. {@code POST}
 * @param rawPath the path exactly as received, still percent-encoded
 * @param rawQuery the query string exactly as received (without {@code ?}); may be null
 * @param headers header values by name; lookups are case-insensitive
 * @param body the request body; never null (empty when absent)
 */
public record IncomingRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public IncomingRequest {
        Objects.requireNonNull(method, "method");
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    copy.merge(name, List.copyOf(values), (a, b) -> concat(a, b));
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    // Headers may carry session tokens; keep them out of logs.
    @Override
    public String toString() {
        return "IncomingRequest[" + method + " " + rawPath + (rawQuery == null ? "" : "?…") + ", " + body.length
                + " body bytes]";
    }
}
