package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;

/** User tags of a role; the ownership tags are eks-irsa's own and cannot be set by hand. */
public final class Tags {
    private Tags() {}

    public static Map<String, String> validate(String field, Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null) {
            return out;
        }
        tags.forEach((k, v) -> {
            InputRules.tag(field, k, v);
            if (Ownership.isReserved(k)) {
                throw new InvalidInputException(field, "tag " + k + " is reserved for eks-irsa's ownership marks");
            }
            out.put(k, v);
        });
        if (out.size() > 48) {
            throw new InvalidInputException(field, "IAM allows 50 tags per role, 2 of which eks-irsa uses");
        }
        return out;
    }

    /** The tags a role we create carries: the user's plus ownership. */
    public static Map<String, String> withOwnership(Map<String, String> user, String clusterName) {
        Map<String, String> out = new LinkedHashMap<>(user);
        out.put(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE);
        if (clusterName != null) {
            out.put(Ownership.CLUSTER, clusterName);
        }
        return out;
    }
}
