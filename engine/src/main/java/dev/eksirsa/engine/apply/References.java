package dev.eksirsa.engine.apply;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.Steps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${<kind>.<key>}} in a setup file: an earlier step's result ({@code ${eksIrsaCluster.oidcProviderArn}}; with
 * several documents of one kind {@code ${irsaRole[1].roleArn}}; a list item {@code ${irsaRole.targetRoleArns[0]}}).
 * A string that is exactly one reference takes the value as it is (a list stays a list); otherwise the reference is
 * written into the text. An unknown kind, a later or missing document, or a key the step does not return is bad input
 * before any call.
 */
public final class References {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z]+)(?:\\[(\\d+)])?\\.([A-Za-z]+)(?:\\[(\\d+)])?}");

    private References() {}

    record Reference(String kind, int ordinal, String key, Integer item) {}

    static void check(List<SetupDocument> documents) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (SetupDocument document : documents) {
            walk(document.arguments(), document.field(), (reference, path) -> {
                Step<?, ?> step = Steps.byPipelineName(reference.kind())
                        .orElseThrow(() -> new InvalidInputException(
                                path,
                                "refers to " + reference.kind() + ", which is not a step (" + SetupFile.kinds() + ")"));
                int before = seen.getOrDefault(reference.kind(), 0);
                if (reference.ordinal() >= before) {
                    throw new InvalidInputException(
                            path,
                            "refers to " + reference.kind()
                                    + (reference.ordinal() == 0 ? "" : "[" + reference.ordinal() + "]")
                                    + ", which no earlier document provides (" + before + " before this one)");
                }
                if (!step.resultKeys().contains(reference.key())) {
                    throw new InvalidInputException(
                            path,
                            "refers to " + reference.kind() + "." + reference.key()
                                    + ", which the step does not return (it returns " + step.resultKeys() + ")");
                }
            });
            seen.merge(document.kind(), 1, Integer::sum);
        }
    }

    /** The arguments with every reference replaced by what the earlier results say. */
    static Map<String, Object> resolve(SetupDocument document, Map<String, List<Map<String, Object>>> results) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) replace(document.arguments(), document.field(), results);
        return out;
    }

    private static Object replace(Object value, String path, Map<String, List<Map<String, Object>>> results) {
        if (value instanceof String text) {
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches()) {
                return lookUp(reference(whole), path, results);
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(lookUp(reference(m), path, results))));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), replace(v, path + "." + k, results)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(replace(list.get(i), path + "[" + i + "]", results));
            }
            return out;
        }
        return value;
    }

    /**
     * The arguments with every reference replaced by a stand-in of the right shape ({@code ${x.roleArn}} a role ARN,
     * {@code ${x.targetRoleArns}} a list of one), so that the rest of a referencing document can be checked before
     * anything runs. A rule broken by a stand-in says nothing about the real value: see {@link #referencingKeys}.
     */
    static Map<String, Object> withStandIns(SetupDocument document) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) standIns(document.arguments());
        return out;
    }

    /** The top-level keys whose value holds a reference. */
    static Set<String> referencingKeys(SetupDocument document) {
        Set<String> keys = new HashSet<>();
        document.arguments().forEach((key, value) -> {
            if (REFERENCE.matcher(String.valueOf(value)).find()) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static Object standIns(Object value) {
        if (value instanceof String text) {
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches()) {
                Reference r = reference(whole);
                Object sample = standIn(r.key());
                return r.item() != null && sample instanceof List<?> list ? list.get(0) : sample;
            }
            return REFERENCE.matcher(text).replaceAll("example");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), standIns(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(References::standIns).toList();
        }
        return value;
    }

    private static Object standIn(String key) {
        String role = "arn:aws:iam::000000000000:role/example";
        if (key.equals("oidcProviderArn")) {
            return "arn:aws:iam::000000000000:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";
        }
        if (key.endsWith("Arns")) {
            return List.of(role);
        }
        if (key.endsWith("Arn") || key.equals("arn")) {
            return role;
        }
        return switch (key) {
            case "region" -> "us-east-1";
            case "accountId" -> "000000000000";
            case "serviceAccounts" -> List.of("example/example");
            default -> "example";
        };
    }

    private static Object lookUp(Reference r, String path, Map<String, List<Map<String, Object>>> results) {
        Object value = results.get(r.kind()).get(r.ordinal()).get(r.key());
        if (r.item() == null) {
            return value;
        }
        if (!(value instanceof List<?> list) || r.item() >= list.size()) {
            throw new InvalidInputException(
                    path,
                    "refers to item " + r.item() + " of " + r.kind() + "." + r.key() + ", which has "
                            + (value instanceof List<?> l ? l.size() : 0) + " items");
        }
        return list.get(r.item());
    }

    interface Visitor {
        void visit(Reference reference, String path);
    }

    private static void walk(Object value, String path, Visitor visitor) {
        if (value instanceof String text) {
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                visitor.visit(reference(m), path);
            }
            if (text.contains("${") && !REFERENCE.matcher(text).find()) {
                throw new InvalidInputException(path, "has a ${…} that is not a reference like ${irsaRole.roleArn}");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, visitor));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    private static Reference reference(Matcher m) {
        return new Reference(
                m.group(1),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3),
                m.group(4) == null ? null : Integer.valueOf(m.group(4)));
    }
}
