package dev.eksirsa.engine.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/** One verification: what was checked, on which resource, the finding, and how to fix it (empty when it passed). */
public record Check(String id, Status status, String resource, String message, String fix) {
    public enum Status {
        PASS,
        WARN,
        FAIL,
        SKIP
    }

    public static Check pass(String id, String resource, String message) {
        return new Check(id, Status.PASS, resource, message, "");
    }

    public static Check warn(String id, String resource, String message, String fix) {
        return new Check(id, Status.WARN, resource, message, fix);
    }

    public static Check fail(String id, String resource, String message, String fix) {
        return new Check(id, Status.FAIL, resource, message, fix);
    }

    public static Check skip(String id, String resource, String message) {
        return new Check(id, Status.SKIP, resource, message, "");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("status", status.name());
        map.put("resource", resource);
        map.put("message", message);
        map.put("fix", fix);
        return map;
    }
}
