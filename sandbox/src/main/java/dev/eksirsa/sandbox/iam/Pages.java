package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.Xml;
import java.util.List;
import java.util.function.Function;

/** IAM's Marker / MaxItems / IsTruncated pagination over an in-memory list. */
record Pages<T>(List<T> page, boolean truncated, String nextMarker) {

    static <T> Pages<T> of(IamRequest r, List<T> items) {
        int max = r.param("MaxItems") == null ? 100 : IamValidation.integer("MaxItems", r.param("MaxItems"));
        IamValidation.range("maxItems", max, 1, 1000);
        int start = 0;
        if (r.param("Marker") != null) {
            try {
                start = Integer.parseInt(r.param("Marker"));
            } catch (NumberFormatException e) {
                throw new AwsError(400, "ValidationError", "Invalid Marker");
            }
        }
        int end = Math.min(items.size(), start + max);
        List<T> page = start >= items.size() ? List.of() : items.subList(start, end);
        boolean truncated = end < items.size();
        return new Pages<>(page, truncated, truncated ? String.valueOf(end) : null);
    }

    Xml render(Xml result, String listName, Function<T, Xml> member) {
        Xml list = Xml.el(listName);
        for (T item : page) {
            list.add(wrap(member.apply(item)));
        }
        return result.add(list).add("IsTruncated", truncated).add("Marker", nextMarker);
    }

    /** Query-protocol list members are {@code <member>} elements holding the entity's fields. */
    private static Xml wrap(Xml entity) {
        return entity.renamed("member");
    }
}
