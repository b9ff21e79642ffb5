package dev.eksirsa.sandbox.ec2;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import dev.eksirsa.sandbox.http.AwsResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** The Describe calls' selection logic: ids, filters, not-found errors, then the XML. */
final class Ec2Describers {
    private static final Map<String, Function<Vpc, String>> VPC_FILTERS = Map.of(
            "vpc-id", Vpc::vpcId,
            "is-default", v -> String.valueOf(v.isDefault()),
            "isDefault", v -> String.valueOf(v.isDefault()),
            "owner-id", Vpc::ownerId,
            "state", v -> "available",
            "cidr", Vpc::cidrBlock,
            "cidr-block-association.cidr-block", Vpc::cidrBlock,
            "dhcp-options-id", Vpc::dhcpOptionsId);
    private static final Map<String, Function<Subnet, String>> SUBNET_FILTERS = Map.ofEntries(
            Map.entry("vpc-id", Subnet::vpcId),
            Map.entry("subnet-id", Subnet::subnetId),
            Map.entry("subnet-arn", Subnet::subnetArn),
            Map.entry("default-for-az", s -> String.valueOf(s.defaultForAz())),
            Map.entry("defaultForAz", s -> String.valueOf(s.defaultForAz())),
            Map.entry("availability-zone", Subnet::availabilityZone),
            Map.entry("availabilityZone", Subnet::availabilityZone),
            Map.entry("availability-zone-id", Subnet::availabilityZoneId),
            Map.entry("availabilityZoneId", Subnet::availabilityZoneId),
            Map.entry("cidr-block", Subnet::cidrBlock),
            Map.entry("cidrBlock", Subnet::cidrBlock),
            Map.entry("cidr", Subnet::cidrBlock),
            Map.entry("owner-id", Subnet::ownerId),
            Map.entry("state", s -> "available"),
            Map.entry("map-public-ip-on-launch", s -> "true"));
    private static final Map<String, Function<Region, String>> REGION_FILTERS = Map.of(
            "region-name", Region::regionName,
            "endpoint", Region::endpoint,
            "opt-in-status", Region::optInStatus);
    private static final Map<String, Function<AvailabilityZone, String>> ZONE_FILTERS = Map.of(
            "zone-name", AvailabilityZone::zoneName,
            "zone-id", AvailabilityZone::zoneId,
            "region-name", AvailabilityZone::regionName,
            "group-name", AvailabilityZone::regionName,
            "state", z -> "available",
            "zone-type", z -> "availability-zone",
            "opt-in-status", z -> "opt-in-not-required");

    private final DefaultNetworks networks;

    Ec2Describers(DefaultNetworks networks) {
        this.networks = networks;
    }

    AwsResponse vpcs(String accountId, AwsRequest request, String requestId) {
        List<String> ids = request.memberList("VpcId");
        ids.forEach(id -> requireWellFormed(id, "vpc-", "InvalidVpcID.Malformed"));
        Vpc vpc = networks.forAccount(accountId).vpc();
        for (String id : ids) {
            if (!id.equals(vpc.vpcId())) {
                throw new AwsError(400, "InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            }
        }
        List<Vpc> selected = select(Stream.of(vpc), request, VPC_FILTERS);
        return Ec2Responses.ok(
                Ec2Responses.envelope("DescribeVpcs", requestId).list("vpcSet", selected, Ec2Responses::vpc));
    }

    AwsResponse subnets(String accountId, AwsRequest request, String requestId) {
        List<String> ids = request.memberList("SubnetId");
        ids.forEach(id -> requireWellFormed(id, "subnet-", "InvalidSubnetID.Malformed"));
        DefaultNetwork network = networks.forAccount(accountId);
        for (String id : ids) {
            if (network.subnet(id).isEmpty()) {
                throw new AwsError(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
        }
        Stream<Subnet> candidates = network.subnets().stream().filter(s -> ids.isEmpty() || ids.contains(s.subnetId()));
        List<Subnet> selected = select(candidates, request, SUBNET_FILTERS);
        return Ec2Responses.ok(
                Ec2Responses.envelope("DescribeSubnets", requestId).list("subnetSet", selected, Ec2Responses::subnet));
    }

    AwsResponse regions(AwsRequest request, String requestId) {
        List<String> names = request.memberList("RegionName");
        boolean all = request.param("AllRegions").map(Boolean::parseBoolean).orElse(false);
        List<Region> known = Regions.all(networks.region());
        for (String name : names) {
            if (known.stream().noneMatch(r -> r.regionName().equals(name))) {
                throw new AwsError(400, "InvalidParameterValue", "Invalid region: " + name);
            }
        }
        Stream<Region> candidates =
                known.stream().filter(r -> names.isEmpty() ? all || r.enabled() : names.contains(r.regionName()));
        List<Region> selected = select(candidates, request, REGION_FILTERS);
        return Ec2Responses.ok(
                Ec2Responses.envelope("DescribeRegions", requestId).list("regionInfo", selected, Ec2Responses::region));
    }

    AwsResponse zones(String accountId, AwsRequest request, String requestId) {
        List<String> names = request.memberList("ZoneName");
        List<String> zoneIds = request.memberList("ZoneId");
        List<AvailabilityZone> known = networks.forAccount(accountId).zones();
        for (String name : names) {
            if (known.stream().noneMatch(z -> z.zoneName().equals(name))) {
                throw new AwsError(
                        400,
                        "InvalidParameterValue",
                        "The zone '" + name + "' does not exist in the region " + networks.region() + ".");
            }
        }
        Stream<AvailabilityZone> candidates = known.stream()
                .filter(z -> names.isEmpty() || names.contains(z.zoneName()))
                .filter(z -> zoneIds.isEmpty() || zoneIds.contains(z.zoneId()));
        List<AvailabilityZone> selected = select(candidates, request, ZONE_FILTERS);
        return Ec2Responses.ok(Ec2Responses.envelope("DescribeAvailabilityZones", requestId)
                .list("availabilityZoneInfo", selected, Ec2Responses::zone));
    }

    private static <T> List<T> select(
            Stream<T> candidates, AwsRequest request, Map<String, Function<T, String>> attributes) {
        List<Ec2Filter> filters = Ec2Filter.parse(request);
        Ec2Filter.requireKnown(filters, Set.copyOf(attributes.keySet()));
        return candidates
                .filter(item -> filters.stream().allMatch(f -> {
                    Function<T, String> attribute = attributes.get(f.name());
                    // The sandbox's default resources carry no tags, so tag filters match nothing.
                    return attribute != null && f.matches(attribute.apply(item));
                }))
                .toList();
    }

    private static void requireWellFormed(String id, String prefix, String code) {
        if (!id.matches(java.util.regex.Pattern.quote(prefix) + "([0-9a-f]{8}|[0-9a-f]{17})")) {
            throw new AwsError(400, code, "Invalid id: \"" + id + "\"");
        }
    }
}
