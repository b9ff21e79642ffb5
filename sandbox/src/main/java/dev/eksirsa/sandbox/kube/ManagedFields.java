package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An object's {@code metadata.managedFields}: one entry per manager and operation. */
record ManagedFields(List<Entry> entries) {
    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    ManagedFields {
        entries = List.copyOf(entries);
    }

    record Entry(String manager, String operation, String apiVersion, String time, FieldSet fields) {
        Entry {
            if (manager == null || manager.isBlank()) {
                throw new IllegalArgumentException("a managedFields entry needs a manager");
            }
            if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
                throw new IllegalArgumentException("unknown managedFields operation: " + operation);
            }
        }

        boolean is(String otherManager, String otherOperation) {
            return manager.equals(otherManager) && operation.equals(otherOperation);
        }

        /** As conflict messages name it: {@code "kubectl-edit" using apps/v1} for an Update. */
        String describe() {
            return "\"" + manager + "\"" + (operation.equals(UPDATE) ? " using " + apiVersion : "");
        }

        Entry withFields(FieldSet newFields) {
            return new Entry(manager, operation, apiVersion, time, newFields);
        }
    }

    static ManagedFields of(JsonNode object) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            String manager = entry.path("manager").asText("");
            String operation = entry.path("operation").asText("");
            if (manager.isBlank() || !(operation.equals(APPLY) || operation.equals(UPDATE))) {
                continue;
            }
            entries.add(new Entry(
                    manager,
                    operation,
                    entry.path("apiVersion").asText(""),
                    entry.path("time").asText(null),
                    FieldSet.fromFieldsV1(entry.path("fieldsV1"))));
        }
        return new ManagedFields(entries);
    }

    Optional<Entry> find(String manager, String operation) {
        return entries.stream().filter(e -> e.is(manager, operation)).findFirst();
    }

    FieldSet owned() {
        return entries.stream().map(Entry::fields).reduce(FieldSet.EMPTY, FieldSet::union);
    }

    /** Puts {@code entry} in place of the same manager's entry for that operation, or last. */
    ManagedFields with(Entry entry) {
        List<Entry> out = new ArrayList<>(entries);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).is(entry.manager(), entry.operation())) {
                out.set(i, entry);
                return new ManagedFields(out);
            }
        }
        out.add(entry);
        return new ManagedFields(out);
    }

    /** Every entry but {@code except} mapped by {@code change}; entries left owning nothing are dropped. */
    ManagedFields mapOthers(Entry except, UnaryOperator<FieldSet> change) {
        List<Entry> out = new ArrayList<>();
        for (Entry entry : entries) {
            Entry mapped = entry.is(except.manager(), except.operation())
                    ? entry
                    : entry.withFields(change.apply(entry.fields()));
            if (!mapped.fields().isEmpty()) {
                out.add(mapped);
            }
        }
        return new ManagedFields(out);
    }

    void writeTo(ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        if (entries.isEmpty()) {
            metadata.remove("managedFields");
            return;
        }
        ArrayNode out = metadata.putArray("managedFields");
        for (Entry entry : entries) {
            ObjectNode json = out.addObject()
                    .put("manager", entry.manager())
                    .put("operation", entry.operation())
                    .put("apiVersion", entry.apiVersion());
            if (entry.time() != null) {
                json.put("time", entry.time());
            }
            json.put("fieldsType", "FieldsV1").set("fieldsV1", entry.fields().toFieldsV1());
        }
    }
}
