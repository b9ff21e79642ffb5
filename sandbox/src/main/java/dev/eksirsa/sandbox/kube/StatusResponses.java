package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        String scope = request.namespace() == null
                ? "at the cluster scope"
                : "in the namespace \"" + request.namespace() + "\"";
        String what = request.resource() == null
                ? "cannot " + request.method().toLowerCase(java.util.Locale.ROOT) + " path \"" + request.path() + "\""
                : "cannot " + request.verb() + " resource \"" + resource + "\" in API group \"" + request.group()
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

    static ObjectNode unsupportedMediaType(String contentType) {
        return failure(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include:"
                        + " application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml,"
                        + " application/strategic-merge-patch+json (got " + contentType + ")");
    }
}
