package dev.eksirsa.sandbox.eks;

import java.util.List;

/** A cluster's {@code resourcesVpcConfig} as DescribeCluster reports it. */
public record VpcConfig(
        List<String> subnetIds,
        List<String> securityGroupIds,
        String clusterSecurityGroupId,
        String vpcId,
        boolean endpointPublicAccess,
        boolean endpointPrivateAccess,
        List<String> publicAccessCidrs) {

    public VpcConfig {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
        publicAccessCidrs = List.copyOf(publicAccessCidrs);
    }
}
