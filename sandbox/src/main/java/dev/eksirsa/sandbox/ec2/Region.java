package dev.eksirsa.sandbox.ec2;

/**
 * A region as DescribeRegions reports it.
 *
 * @param optInStatus {@code opt-in-not-required}, {@code opted-in} or {@code not-opted-in}
 */
public record Region(String regionName, String endpoint, String optInStatus) {

    public boolean enabled() {
        return !optInStatus.equals("not-opted-in");
    }
}
