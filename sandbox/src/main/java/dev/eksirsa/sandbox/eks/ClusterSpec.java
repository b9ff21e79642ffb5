package dev.eksirsa.sandbox.eks;

import java.util.Map;

/** A validated CreateCluster request, with the creator resolved. */
record ClusterSpec(
        String name,
        String arn,
        String accountId,
        String region,
        String version,
        String roleArn,
        VpcConfig vpcConfig,
        String serviceIpv4Cidr,
        AccessConfig accessConfig,
        String clientRequestToken,
        Map<String, String> tags,
        String creatorArn,
        String creatorPrincipalArn) {

    ClusterSpec {
        tags = Map.copyOf(tags);
    }
}
