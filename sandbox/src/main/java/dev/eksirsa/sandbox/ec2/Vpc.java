package dev.eksirsa.sandbox.ec2;

/** A VPC as DescribeVpcs reports it; the sandbox only has each account's default VPC. */
public record Vpc(
        String vpcId,
        String ownerId,
        String cidrBlock,
        String cidrAssociationId,
        String dhcpOptionsId,
        boolean isDefault) {}
