package dev.eksirsa.sandbox.ec2;

/** A subnet as DescribeSubnets reports it. */
public record Subnet(
        String subnetId,
        String subnetArn,
        String vpcId,
        String ownerId,
        String cidrBlock,
        String availabilityZone,
        String availabilityZoneId,
        int availableIpAddressCount,
        boolean defaultForAz) {}
