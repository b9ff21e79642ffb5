package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.ec2.DefaultNetworks;
import dev.eksirsa.sandbox.ec2.Subnet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Subnet checks EKS makes by asking EC2. With the sandbox's EC2 networks, subnets must exist in the caller's
 * account; without them only their form is checked and every subnet counts as its own zone.
 */
final class Subnets {
    private static final Pattern SUBNET_ID = Pattern.compile("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("^sg-([0-9a-f]{8}|[0-9a-f]{17})$");

    private Subnets() {}

    /** Checks the subnets and returns their VPC's id. */
    static String requireUsable(
            DefaultNetworks networks, String accountId, List<String> subnetIds, boolean needTwoZones) {
        Set<String> zones = new HashSet<>();
        String vpcId = null;
        for (String subnetId : subnetIds) {
            if (!SUBNET_ID.matcher(subnetId).matches()) {
                throw notFound(subnetId);
            }
            if (networks == null) {
                zones.add(subnetId);
                continue;
            }
            Subnet subnet = networks.subnet(accountId, subnetId).orElseThrow(() -> notFound(subnetId));
            if (vpcId != null && !vpcId.equals(subnet.vpcId())) {
                throw EksErrors.invalidParameter("Subnets specified must belong to the same VPC");
            }
            vpcId = subnet.vpcId();
            zones.add(subnet.availabilityZone());
        }
        if (subnetIds.isEmpty() || (needTwoZones && zones.size() < 2)) {
            throw EksErrors.invalidParameter("Subnets specified must be in at least two different AZs");
        }
        return vpcId != null
                ? vpcId
                : networks != null ? networks.forAccount(accountId).vpc().vpcId() : null;
    }

    static void requireSecurityGroups(List<String> ids) {
        for (String id : ids) {
            if (!SECURITY_GROUP_ID.matcher(id).matches()) {
                throw EksErrors.invalidParameter("The security group '" + id + "' does not exist (Service: AmazonEC2; "
                        + "Status Code: 400; Error Code: InvalidGroup.NotFound)");
            }
        }
    }

    private static RuntimeException notFound(String subnetId) {
        return EksErrors.invalidParameter("The subnet ID '" + subnetId
                + "' does not exist (Service: AmazonEC2; Status Code:" + " 400; Error Code: InvalidSubnetID.NotFound)");
    }
}
