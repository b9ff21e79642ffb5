package dev.eksirsa.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One HTTP request as received by the AWS endpoint, with its query and form parameters decoded. */
public record AwsRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        Map<String, String> query,
        Map<String, String> form) {

    public AwsRequest {
        TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> ci.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(ci);
        query = Map.copyOf(query);
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    public static AwsRequest of(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Map<String, String> query = decodeParams(rawQuery);
        Map<String, String> form = new LinkedHashMap<>(query);
        String contentType = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            form.putAll(decodeParams(new String(body, StandardCharsets.UTF_8)));
        }
        return new AwsRequest(method, rawPath, rawQuery, headers, body, query, form);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String path() {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Form (or query) parameter; IAM, STS and EC2 send their arguments this way. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(form.get(name));
    }

    /** Members of a query-protocol list: {@code Name.member.1}, {@code Name.member.2}, ... (EC2: {@code Name.1}). */
    public List<String> memberList(String prefix) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 1; form.containsKey(prefix + "." + i); i++) {
            values.add(form.get(prefix + "." + i));
        }
        return values;
    }

    private static Map<String, String> decodeParams(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(
                    URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
