package dev.eksirsa.engine.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declared arguments of one step (or of one nested map), and the rules between keys: groups of which at
 * most one may be given ({@code exclusive}) and exactly one must be ({@code oneOf}), and keys that go together.
 */
public record ArgumentSet(
        List<Arg> args, List<Set<String>> exclusive, List<Set<String>> oneOf, List<Set<String>> together) {

    public ArgumentSet {
        args = List.copyOf(args);
        exclusive = List.copyOf(exclusive == null ? List.of() : exclusive);
        oneOf = List.copyOf(oneOf == null ? List.of() : oneOf);
        together = List.copyOf(together == null ? List.of() : together);
        Set<String> names = new HashSet<>();
        Set<String> flags = new HashSet<>();
        for (Arg a : args) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("argument declared twice: " + a.name());
            }
            if (a.flag() != null && !flags.add(a.flag())) {
                throw new IllegalArgumentException("flag declared twice: " + a.flag());
            }
        }
        for (List<Set<String>> groups : List.of(exclusive, oneOf, together)) {
            for (Set<String> group : groups) {
                if (!names.containsAll(group)) {
                    throw new IllegalArgumentException("rule names an undeclared argument: " + group);
                }
            }
        }
    }

    public static ArgumentSet of(List<Arg> args) {
        return new ArgumentSet(args, List.of(), List.of(), List.of());
    }

    /** Several lists of declarations joined (a step's own and the shared connection arguments). */
    public static ArgumentSet of(List<Arg> first, List<Arg> second) {
        List<Arg> all = new ArrayList<>(first);
        all.addAll(second);
        return of(all);
    }

    public ArgumentSet exclusive(String... names) {
        return new ArgumentSet(args, plus(exclusive, names), oneOf, together);
    }

    public ArgumentSet oneOf(String... names) {
        return new ArgumentSet(args, exclusive, plus(oneOf, names), together);
    }

    public ArgumentSet together(String... names) {
        return new ArgumentSet(args, exclusive, oneOf, plus(together, names));
    }

    public Optional<Arg> find(String name) {
        return args.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Arg get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("undeclared argument " + name));
    }

    public Map<String, Arg> byName() {
        Map<String, Arg> map = new LinkedHashMap<>();
        args.forEach(a -> map.put(a.name(), a));
        return map;
    }

    /** Parses {@code raw} strictly; see {@link Arguments}. */
    public Arguments parse(Map<String, ?> raw) {
        return Arguments.parse(this, raw, "");
    }

    private static List<Set<String>> plus(List<Set<String>> groups, String... names) {
        List<Set<String>> out = new ArrayList<>(groups);
        out.add(Set.of(names));
        return out;
    }
}
