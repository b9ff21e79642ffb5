package dev.eksirsa.sandbox.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The commercial regions and each region's zone letters, as an account created today sees them. */
final class Regions {
    private static final List<String> ENABLED_BY_DEFAULT = List.of(
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "ca-central-1",
            "eu-central-1",
            "eu-north-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2");
    private static final List<String> OPT_IN = List.of(
            "af-south-1",
            "ap-east-1",
            "ap-south-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ca-west-1",
            "eu-central-2",
            "eu-south-1",
            "eu-south-2",
            "il-central-1",
            "me-central-1",
            "me-south-1");
    // Zone letters visible to a typical account; regions not listed have a, b and c.
    private static final Map<String, String> ZONE_LETTERS = Map.of(
            "us-east-1", "abcdef",
            "us-west-1", "bc",
            "us-west-2", "abcd",
            "ap-northeast-1", "acd",
            "ap-northeast-2", "abcd",
            "ca-central-1", "abd");

    private Regions() {}

    /** Every region; the sandbox's own region counts as opted in even when AWS makes it opt-in. */
    static List<Region> all(String sandboxRegion) {
        List<Region> regions = new ArrayList<>();
        ENABLED_BY_DEFAULT.forEach(r -> regions.add(region(r, "opt-in-not-required")));
        OPT_IN.forEach(r -> regions.add(region(r, r.equals(sandboxRegion) ? "opted-in" : "not-opted-in")));
        if (!ENABLED_BY_DEFAULT.contains(sandboxRegion) && !OPT_IN.contains(sandboxRegion)) {
            regions.add(region(sandboxRegion, "opt-in-not-required"));
        }
        regions.sort(java.util.Comparator.comparing(Region::regionName));
        return regions;
    }

    static String zoneLetters(String region) {
        return ZONE_LETTERS.getOrDefault(region, "abc");
    }

    /** The short prefix of zone ids: {@code us-east-1} → {@code use1}, {@code ap-southeast-2} → {@code apse2}. */
    static String zoneIdPrefix(String region) {
        String[] parts = region.split("-");
        if (parts.length != 3) {
            return region.replace("-", "");
        }
        String direction =
                switch (parts[1]) {
                    case "east" -> "e";
                    case "west" -> "w";
                    case "north" -> "n";
                    case "south" -> "s";
                    case "central" -> "c";
                    case "northeast" -> "ne";
                    case "northwest" -> "nw";
                    case "southeast" -> "se";
                    case "southwest" -> "sw";
                    default -> parts[1];
                };
        return parts[0] + direction + parts[2];
    }

    private static Region region(String name, String optIn) {
        return new Region(name, "ec2." + name + ".amazonaws.com", optIn);
    }
}
