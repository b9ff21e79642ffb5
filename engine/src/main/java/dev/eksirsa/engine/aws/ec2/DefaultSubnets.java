package dev.eksirsa.engine.aws.ec2;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.AwsErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** The default VPC's default-for-az subnets, one per zone, as {@code eksctl} would pick without a config. */
public final class DefaultSubnets {
    private final Ec2Client ec2;

    public DefaultSubnets(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** At least two subnets in distinct zones, sorted by zone; fails clearly when the region has no such VPC. */
    public List<String> find(String region) {
        List<Vpc> vpcs = AwsErrors.call("finding the default VPC in " + region, () -> ec2.describeVpcs(
                        b -> b.filters(filter("is-default", "true")))
                .vpcs());
        if (vpcs.isEmpty()) {
            throw new EksIrsaException("no default VPC in " + region + "; pass subnet ids");
        }
        String vpcId = vpcs.get(0).vpcId();
        List<Subnet> subnets = AwsErrors.call("listing the default subnets of " + vpcId, () -> ec2
                .describeSubnetsPaginator(b -> b.filters(filter("vpc-id", vpcId), filter("default-for-az", "true")))
                .subnets()
                .stream()
                .toList());
        Map<String, String> byZone = new LinkedHashMap<>();
        subnets.stream()
                .sorted(java.util.Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::subnetId))
                .forEach(s -> byZone.putIfAbsent(s.availabilityZone(), s.subnetId()));
        if (byZone.size() < 2) {
            throw new EksIrsaException("the default VPC " + vpcId + " in " + region
                    + " has default subnets in fewer than two zones; pass subnet ids");
        }
        return List.copyOf(byZone.values());
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
