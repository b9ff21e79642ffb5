package dev.eksirsa.engine.cluster;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import java.util.List;

/**
 * One managed node group.
 *
 * @param nodeRoleArn null to create a node role with the three worker policies
 */
public record NodegroupSpec(
        String name, List<String> instanceTypes, int minSize, int desiredSize, int maxSize, String nodeRoleArn) {
    static final int MAX_NODES = 1000;

    public NodegroupSpec {
        InputRules.nodegroupName("nodegroupName", name);
        instanceTypes =
                List.copyOf(instanceTypes == null || instanceTypes.isEmpty() ? List.of("t3.medium") : instanceTypes);
        instanceTypes.forEach(t -> InputRules.instanceType("instanceTypes", t));
        if (minSize < 0) {
            throw new InvalidInputException("minSize", "must be 0 or more");
        }
        if (maxSize < 1 || maxSize > MAX_NODES) {
            throw new InvalidInputException("maxSize", "must be between 1 and " + MAX_NODES);
        }
        if (minSize > maxSize) {
            throw new InvalidInputException("minSize", "must not exceed maxSize");
        }
        if (desiredSize < minSize || desiredSize > maxSize) {
            throw new InvalidInputException("desiredSize", "must be between minSize and maxSize");
        }
        if (nodeRoleArn != null) {
            InputRules.roleArn("nodeRoleArn", nodeRoleArn);
        }
    }
}
