package dev.eksirsa.engine.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one resource, planned (dry run) or made. The same value serves both: a plan is the list of
 * changes an apply would make.
 *
 * @param kind resource kind as in CLI.md ({@code EksCluster}, {@code OidcProvider}, {@code IamRole}, …)
 * @param id the ARN, or {@code namespace/name}, or the name when no ARN exists yet
 * @param detail one line saying what changes; never a secret
 */
public record Change(ChangeAction action, String kind, String id, String detail) {

    public Change {
        Objects.requireNonNull(action, "action");
        requireText(kind, "kind");
        requireText(id, "id");
        detail = detail == null ? "" : detail;
        if (detail.contains("\n")) {
            throw new IllegalArgumentException("detail must be one line");
        }
    }

    public static Change create(String kind, String id, String detail) {
        return new Change(ChangeAction.CREATE, kind, id, detail);
    }

    public static Change update(String kind, String id, String detail) {
        return new Change(ChangeAction.UPDATE, kind, id, detail);
    }

    public static Change delete(String kind, String id, String detail) {
        return new Change(ChangeAction.DELETE, kind, id, detail);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", action.name());
        map.put("kind", kind);
        map.put("id", id);
        map.put("detail", detail);
        return map;
    }

    @Override
    public String toString() {
        return action + " " + kind + " " + id + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
