package dev.eksirsa.sandbox.ec2;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account's default network in the sandbox's region, made on first use and then stable for the
 * sandbox's lifetime. EKS reads it to validate subnets and report the VPC.
 */
public final class DefaultNetworks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String region;
    private final Map<String, DefaultNetwork> byAccount = new ConcurrentHashMap<>();

    public DefaultNetworks(String region) {
        this.region = region;
    }

    public String region() {
        return region;
    }

    public DefaultNetwork forAccount(String accountId) {
        return byAccount.computeIfAbsent(accountId, this::create);
    }

    public Optional<Subnet> subnet(String accountId, String subnetId) {
        return forAccount(accountId).subnet(subnetId);
    }

    private DefaultNetwork create(String accountId) {
        Vpc vpc = new Vpc(
                "vpc-" + hex(17), accountId, "172.31.0.0/16", "vpc-cidr-assoc-" + hex(17), "dopt-" + hex(17), true);
        List<AvailabilityZone> zones = zones(accountId);
        List<Subnet> subnets = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            String subnetId = "subnet-" + hex(17);
            subnets.add(new Subnet(
                    subnetId,
                    "arn:aws:ec2:" + region + ":" + accountId + ":subnet/" + subnetId,
                    vpc.vpcId(),
                    accountId,
                    "172.31." + (16 * i) + ".0/20",
                    zones.get(i).zoneName(),
                    zones.get(i).zoneId(),
                    4091,
                    true));
        }
        return new DefaultNetwork(vpc, subnets, zones);
    }

    // AWS maps zone names to zone ids differently per account; a shuffle seeded by the account id keeps that
    // stable for one account and different across accounts.
    private List<AvailabilityZone> zones(String accountId) {
        String letters = Regions.zoneLetters(region);
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= letters.length(); i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, new Random(accountId.hashCode()));
        String prefix = Regions.zoneIdPrefix(region);
        List<AvailabilityZone> zones = new ArrayList<>();
        for (int i = 0; i < letters.length(); i++) {
            zones.add(new AvailabilityZone(region + letters.charAt(i), prefix + "-az" + ids.get(i), region));
        }
        return zones;
    }

    static String hex(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append("0123456789abcdef".charAt(RANDOM.nextInt(16)));
        }
        return s.toString();
    }
}
