package dev.eksirsa.sandbox.eks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A managed node group. Immutable; deletion and tag changes replace it in its cluster. */
public record Nodegroup(
        String nodegroupName,
        String nodegroupArn,
        String clusterName,
        String version,
        String releaseVersion,
        Lifecycle lifecycle,
        String capacityType,
        ScalingConfig scalingConfig,
        List<String> instanceTypes,
        List<String> subnets,
        String amiType,
        String nodeRole,
        int diskSize,
        Map<String, String> labels,
        Map<String, String> tags,
        String autoScalingGroupName) {

    public Nodegroup {
        instanceTypes = List.copyOf(instanceTypes);
        subnets = List.copyOf(subnets);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public Instant createdAt() {
        return lifecycle.createdAt();
    }

    public NodegroupStatus status(Instant now) {
        if (lifecycle.deleting()) {
            return NodegroupStatus.DELETING;
        }
        return lifecycle.active(now) ? NodegroupStatus.ACTIVE : NodegroupStatus.CREATING;
    }

    /** When the status last changed, which EKS reports as {@code modifiedAt}. */
    Instant modifiedAt(Instant now) {
        if (lifecycle.deleting()) {
            return lifecycle.deletingSince();
        }
        return lifecycle.active(now) ? lifecycle.activeAt() : lifecycle.createdAt();
    }

    Nodegroup deleting(Instant now, Instant goneAt) {
        return withLifecycle(lifecycle.deleting(now, goneAt));
    }

    Nodegroup withTags(Map<String, String> newTags) {
        return new Nodegroup(
                nodegroupName,
                nodegroupArn,
                clusterName,
                version,
                releaseVersion,
                lifecycle,
                capacityType,
                scalingConfig,
                instanceTypes,
                subnets,
                amiType,
                nodeRole,
                diskSize,
                labels,
                newTags,
                autoScalingGroupName);
    }

    private Nodegroup withLifecycle(Lifecycle next) {
        return new Nodegroup(
                nodegroupName,
                nodegroupArn,
                clusterName,
                version,
                releaseVersion,
                next,
                capacityType,
                scalingConfig,
                instanceTypes,
                subnets,
                amiType,
                nodeRole,
                diskSize,
                labels,
                tags,
                autoScalingGroupName);
    }
}
