package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.http.AwsError;
import java.util.Map;
import java.util.function.Function;

/** EKS tag limits: at most 50, keys 1..128 characters, values up to 256, no {@code aws:} prefix. */
final class Tags {
    private Tags() {}

    static void validate(Map<String, String> tags, int existing, Function<String, AwsError> error) {
        if (tags.size() + existing > 50) {
            throw error.apply("Number of tags exceeds the limit of 50.");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
                throw error.apply("Tag keys must be between 1 and 128 characters: " + tag.getKey());
            }
            if (tag.getValue().length() > 256) {
                throw error.apply("Tag values must be at most 256 characters (key " + tag.getKey() + ").");
            }
            if (tag.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw error.apply("Tag keys prefixed with 'aws:' are reserved for AWS use.");
            }
        }
    }
}
