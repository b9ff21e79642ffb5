package dev.eksirsa.sandbox.ec2;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** One {@code Filter.N} of an EC2 Describe call; values may use {@code *} and {@code ?} as EC2 allows. */
record Ec2Filter(String name, List<String> values) {

    Ec2Filter {
        values = List.copyOf(values);
    }

    static List<Ec2Filter> parse(AwsRequest request) {
        List<Ec2Filter> filters = new ArrayList<>();
        for (int i = 1; request.param("Filter." + i + ".Name").isPresent(); i++) {
            String name = request.param("Filter." + i + ".Name").get();
            filters.add(new Ec2Filter(name, request.memberList("Filter." + i + ".Value")));
        }
        return filters;
    }

    /** Refuses filter names the call does not know, with EC2's wording. Tag filters are always accepted. */
    static void requireKnown(List<Ec2Filter> filters, Collection<String> known) {
        for (Ec2Filter filter : filters) {
            if (!known.contains(filter.name())
                    && !filter.name().startsWith("tag:")
                    && !filter.name().equals("tag-key")) {
                throw new AwsError(400, "InvalidParameterValue", "The filter '" + filter.name() + "' is invalid");
            }
        }
    }

    boolean matches(String actual) {
        return actual != null
                && values.stream().anyMatch(v -> glob(v).matcher(actual).matches());
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
