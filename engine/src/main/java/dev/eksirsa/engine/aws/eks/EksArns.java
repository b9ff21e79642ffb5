package dev.eksirsa.engine.aws.eks;

/**
 * The ARNs EKS gives its resources, for changes planned before the resource exists. EKS ends node group and access
 * entry ARNs with a generated id that is unknown until creation; a planned one stops before it.
 */
final class EksArns {
    private EksArns() {}

    static String cluster(String partition, String region, String accountId, String name) {
        return prefix(partition, region, accountId) + "cluster/" + name;
    }

    static String plannedNodegroup(String partition, String region, String accountId, String cluster, String name) {
        return prefix(partition, region, accountId) + "nodegroup/" + cluster + "/" + name;
    }

    /** {@code …:access-entry/<cluster>/role|user/<principal's account>/<principal's name>}. */
    static String plannedAccessEntry(
            String partition, String region, String accountId, String cluster, String principalArn) {
        var principal = dev.eksirsa.engine.aws.Partitions.parse("accessPrincipalArns", principalArn);
        String kind = principal.resourceAsString().startsWith("role/") ? "role" : "user";
        String name = principalArn.substring(principalArn.lastIndexOf('/') + 1);
        return prefix(partition, region, accountId) + "access-entry/" + cluster + "/" + kind + "/"
                + principal.accountId().orElse("") + "/" + name;
    }

    private static String prefix(String partition, String region, String accountId) {
        return "arn:" + partition + ":eks:" + region + ":" + accountId + ":";
    }
}
