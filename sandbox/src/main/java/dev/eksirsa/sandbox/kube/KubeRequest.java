package dev.eksirsa.sandbox.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request path split the way the API server's request-info resolver does.
 *
 * @param group {@code ""} for the core group; null for non-resource paths
 * @param namespace null for cluster-scoped requests
 * @param resource null for discovery and non-resource paths
 * @param verb get, list, watch, create, update, patch, delete or deletecollection (null for non-resource paths)
 */
record KubeRequest(
        String method,
        String path,
        Map<String, String> query,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource,
        String verb) {

    static KubeRequest parse(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = parseQuery(q < 0 ? "" : pathAndQuery.substring(q + 1));
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        String group;
        String version;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            rest = parts.subList(3, parts.size());
        } else {
            return new KubeRequest(method, path, query, null, null, null, null, null, null, null);
        }
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.isEmpty() ? null : rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? rest.get(2) : null;
        return new KubeRequest(
                method, path, query, group, version, namespace, resource, name, subresource, verb(method, name, query));
    }

    private static String verb(String method, String name, Map<String, String> query) {
        return switch (method) {
            case "GET", "HEAD" -> {
                String watch = query.get("watch");
                if ("true".equals(watch) || "1".equals(watch)) {
                    yield "watch";
                }
                yield name == null ? "list" : "get";
            }
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    boolean isResourceRequest() {
        return resource != null;
    }

    String groupVersion() {
        return group == null ? null : group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code <verb> <resource>[/<subresource>]} as the call log shows it. */
    String action() {
        if (resource == null) {
            return method.toLowerCase(java.util.Locale.ROOT) + " " + path;
        }
        return verb + " " + resource + (subresource == null ? "" : "/" + subresource);
    }

    /** {@code <namespace>/<name>}, with empty parts for cluster-scoped or collection requests. */
    String target() {
        if (resource == null) {
            return path;
        }
        String ns = namespace == null ? "" : namespace;
        String n = name == null ? "" : name;
        if (resource.equals("namespaces") && namespace == null) {
            return n;
        }
        return ns + "/" + n;
    }

    /** Asks to change something, whether or not it is a dry run. */
    boolean writes() {
        boolean read = verb == null || verb.equals("get") || verb.equals("list") || verb.equals("watch");
        return !read && !isTokenRequest();
    }

    /** Server-side dry run ({@code ?dryRun=All}): answered as the write would be, nothing stored. */
    boolean dryRun() {
        return query.containsKey("dryRun");
    }

    /** A write that is not a dry run: what the call log counts as mutating. */
    boolean mutating() {
        return writes() && !dryRun();
    }

    boolean isTokenRequest() {
        return "serviceaccounts".equals(resource) && "token".equals(subresource) && "create".equals(verb);
    }
}
