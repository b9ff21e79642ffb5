package dev.eksirsa.sandbox.ec2;

import java.util.List;
import java.util.Optional;

/** One account's default VPC, its default-for-az subnets and the zones it sees. */
public record DefaultNetwork(Vpc vpc, List<Subnet> subnets, List<AvailabilityZone> zones) {

    public DefaultNetwork {
        subnets = List.copyOf(subnets);
        zones = List.copyOf(zones);
    }

    public Optional<Subnet> subnet(String subnetId) {
        return subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst();
    }
}
