package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code kind: Status} failure bodies as the API server sends them. */
final class StatusResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusResponses() {}

    static ObjectNode failure(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure")
                .put("message", message)
                .put("reason", reason)
                .put("code", code);
        return status;
    }

    static ObjectNode unauthorized() {
        return failure(401, "Unauthorized", "Unauthorized");
    }

    static ObjectNode forbidden(String principal, KubeRequest request) {
        String resource = request.resource() == null ? "" : request.resource();
        String namespace = AccessPolicyAuthorizer.namespaceOf(request);
        String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        String resourceAndSub = request.subresource() == null ? resource : resource + "/" + request.subresource();
        String what = request.resource() == null
                ? "cannot " + request.method().toLowerCase(java.util.Locale.ROOT) + " path \"" + request.path() + "\""
                : "cannot " + request.verb() + " resource \"" + resourceAndSub + "\" in API group \"" + request.group()
                        + "\" " + scope;
        String prefix = request.resource() == null
                ? "forbidden"
                : resource + (request.name() == null ? "" : " \"" + request.name() + "\"") + " is forbidden";
        ObjectNode status = failure(403, "Forbidden", prefix + ": User \"" + principal + "\" " + what);
        if (request.resource() != null) {
            ObjectNode details =
                    status.putObject("details").put("kind", resource).put("group", request.group());
            if (request.name() != null) {
                details.put("name", request.name());
            }
        }
        return status;
    }

    /** An optimistic-concurrency conflict: the object changed between the client's read and its write. */
    static ObjectNode modifiedConflict(KubeRequest request) {
        String resource = request.resource() == null ? "" : request.resource();
        String group = request.group() == null ? "" : request.group();
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        String name = request.name() == null ? "" : request.name();
        ObjectNode status = failure(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + qualified + " \"" + name + "\": the object has been modified;"
                        + " please apply your changes to the latest version and try again");
        status.putObject("details").put("name", name).put("group", group).put("kind", resource);
        return status;
    }

    static ObjectNode notFound() {
        ObjectNode status = failure(404, "NotFound", "the server could not find the requested resource");
        status.putObject("details")
                .putArray("causes")
                .addObject()
                .put("reason", "UnexpectedServerResponse")
                .put("message", "404 page not found");
        return status;
    }

    static ObjectNode notFound(String resource, String group, String name) {
        ObjectNode status = failure(
                404, "NotFound", resource + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\" not found");
        ObjectNode details = status.putObject("details").put("name", name).put("kind", resource);
        if (!group.isEmpty()) {
            details.put("group", group);
        }
        return status;
    }

    static ObjectNode invalid(String kind, String name, String message) {
        ObjectNode status = failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + message);
        status.putObject("details").put("name", name).put("kind", kind);
        return status;
    }

    /** 409 for an apply that would change fields other managers own, worded as the API server words it. */
    static ObjectNode applyConflict(List<FieldOwnership.Conflict> conflicts) {
        String message;
        if (conflicts.size() == 1) {
            FieldOwnership.Conflict only = conflicts.get(0);
            message = "Apply failed with 1 conflict: conflict with " + only.manager() + ": " + only.path();
        } else {
            Map<String, List<FieldPath>> byManager = new TreeMap<>();
            conflicts.forEach(c -> byManager
                    .computeIfAbsent(c.manager(), m -> new ArrayList<>())
                    .add(c.path()));
            List<String> lines = new ArrayList<>();
            byManager.forEach((manager, paths) -> {
                lines.add("conflicts with " + manager + ":");
                paths.forEach(path -> lines.add("- " + path));
            });
            message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
        ObjectNode status = failure(409, "Conflict", message);
        ArrayNode causes = status.putObject("details").putArray("causes");
        for (FieldOwnership.Conflict conflict : conflicts) {
            causes.addObject()
                    .put("reason", "FieldManagerConflict")
                    .put("message", "conflict with " + conflict.manager())
                    .put("field", conflict.path().toString());
        }
        return status;
    }

    static ObjectNode unsupportedMediaType(String contentType) {
        return failure(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include:"
                        + " application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml,"
                        + " application/strategic-merge-patch+json (got " + contentType + ")");
    }
}
