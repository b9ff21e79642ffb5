package dev.eksirsa.engine.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node group as the cluster result lists it. */
public record NodegroupSummary(String name, String status, List<String> instanceTypes, int desiredSize) {

    public NodegroupSummary {
        instanceTypes = List.copyOf(instanceTypes == null ? List.of() : instanceTypes);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("status", status);
        map.put("instanceTypes", instanceTypes);
        map.put("desiredSize", desiredSize);
        return map;
    }
}
