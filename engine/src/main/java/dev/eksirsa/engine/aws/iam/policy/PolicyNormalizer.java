package dev.eksirsa.engine.aws.iam.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A canonical form for comparing what we want with what IAM returns: IAM may reorder lists, turn a one-element
 * list into a string, and store an account id principal as its root ARN; actions and condition keys are
 * case-insensitive. Two documents are equivalent when their canonical forms are equal.
 */
public final class PolicyNormalizer {
    private final String partition;

    public PolicyNormalizer(String partition) {
        this.partition = partition;
    }

    public boolean equivalent(PolicyDocument a, PolicyDocument b) {
        return normalize(a).equals(normalize(b));
    }

    public boolean equivalent(PolicyStatement a, PolicyStatement b) {
        return normalize(a).equals(normalize(b));
    }

    public PolicyDocument normalize(PolicyDocument document) {
        List<PolicyStatement> statements = new ArrayList<>();
        document.statements().forEach(s -> statements.add(normalize(s)));
        statements.sort(Comparator.comparing(s -> PolicyJson.write(PolicyDocument.of(List.of(s)))));
        return document.withStatements(statements);
    }

    public PolicyStatement normalize(PolicyStatement s) {
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        s.conditions().forEach((op, keys) -> {
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            keys.forEach((k, v) -> byKey.put(k.toLowerCase(Locale.ROOT), sorted(v)));
            conditions.put(op, byKey);
        });
        return new PolicyStatement(
                s.sid(),
                s.effect(),
                principals(s.principals()),
                principals(s.notPrincipals()),
                lowerSorted(s.actions()),
                lowerSorted(s.notActions()),
                sorted(s.resources()),
                sorted(s.notResources()),
                conditions);
    }

    private Map<String, List<String>> principals(Map<String, List<String>> principals) {
        if (principals == null) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        principals.forEach((type, ids) -> out.put(
                type,
                sorted(ids.stream()
                        .map(id -> "AWS".equals(type) && id.matches("[0-9]{12}")
                                ? "arn:" + partition + ":iam::" + id + ":root"
                                : id)
                        .toList())));
        return out;
    }

    private static List<String> lowerSorted(List<String> values) {
        return sorted(values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList());
    }

    private static List<String> sorted(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }
}
