package dev.eksirsa.sandbox.eks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.sandbox.http.AwsResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** EKS's response shapes: timestamps as epoch seconds with a fraction, absent members omitted. */
final class EksJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private EksJson() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static AwsResponse ok(ObjectNode body) {
        try {
            return AwsResponse.json(200, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static AwsResponse ok(String member, ObjectNode value) {
        ObjectNode body = object();
        body.set(member, value);
        return ok(body);
    }

    static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode stringMap(Map<String, String> values) {
        ObjectNode map = object();
        values.forEach(map::put);
        return map;
    }

    static ObjectNode cluster(Cluster cluster) {
        ClusterStatus status = cluster.status();
        ObjectNode json = object();
        json.put("name", cluster.name());
        json.put("arn", cluster.arn());
        json.put("createdAt", epoch(cluster.createdAt()));
        json.put("version", cluster.version());
        // EKS reports the endpoint and CA once the control plane is up.
        boolean up = status != ClusterStatus.CREATING;
        if (up && cluster.endpoint() != null) {
            json.put("endpoint", cluster.endpoint());
        }
        json.put("roleArn", cluster.roleArn());
        VpcConfig vpc = cluster.vpcConfig();
        ObjectNode vpcJson = json.putObject("resourcesVpcConfig");
        vpcJson.set("subnetIds", strings(vpc.subnetIds()));
        vpcJson.set("securityGroupIds", strings(vpc.securityGroupIds()));
        vpcJson.put("clusterSecurityGroupId", vpc.clusterSecurityGroupId());
        vpcJson.put("vpcId", vpc.vpcId());
        vpcJson.put("endpointPublicAccess", vpc.endpointPublicAccess());
        vpcJson.put("endpointPrivateAccess", vpc.endpointPrivateAccess());
        vpcJson.set("publicAccessCidrs", strings(vpc.publicAccessCidrs()));
        ObjectNode network = json.putObject("kubernetesNetworkConfig");
        network.put("serviceIpv4Cidr", cluster.serviceIpv4Cidr());
        network.put("ipFamily", "ipv4");
        network.putObject("elasticLoadBalancing").put("enabled", false);
        ObjectNode logSetup =
                json.putObject("logging").putArray("clusterLogging").addObject();
        logSetup.set(
                "types", strings(java.util.List.of("api", "audit", "authenticator", "controllerManager", "scheduler")));
        logSetup.put("enabled", false);
        json.putObject("identity")
                .putObject("oidc")
                .put("issuer", cluster.issuer().issuerUrl());
        json.put("status", status.name());
        ObjectNode ca = json.putObject("certificateAuthority");
        if (up && cluster.certificateAuthorityData() != null) {
            ca.put("data", cluster.certificateAuthorityData());
        }
        if (cluster.clientRequestToken() != null) {
            json.put("clientRequestToken", cluster.clientRequestToken());
        }
        json.put("platformVersion", cluster.platformVersion());
        json.set("tags", stringMap(cluster.tags()));
        json.putObject("health").putArray("issues");
        ObjectNode access = json.putObject("accessConfig");
        access.put(
                "bootstrapClusterCreatorAdminPermissions",
                cluster.accessConfig().bootstrapClusterCreatorAdminPermissions());
        access.put("authenticationMode", cluster.accessConfig().authenticationMode());
        json.putObject("upgradePolicy").put("supportType", "STANDARD");
        return json;
    }

    static ObjectNode nodegroup(Nodegroup nodegroup, Instant now) {
        ObjectNode json = object();
        json.put("nodegroupName", nodegroup.nodegroupName());
        json.put("nodegroupArn", nodegroup.nodegroupArn());
        json.put("clusterName", nodegroup.clusterName());
        json.put("version", nodegroup.version());
        json.put("releaseVersion", nodegroup.releaseVersion());
        json.put("createdAt", epoch(nodegroup.createdAt()));
        json.put("modifiedAt", epoch(nodegroup.modifiedAt(now)));
        json.put("status", nodegroup.status(now).name());
        json.put("capacityType", nodegroup.capacityType());
        ObjectNode scaling = json.putObject("scalingConfig");
        scaling.put("minSize", nodegroup.scalingConfig().minSize());
        scaling.put("maxSize", nodegroup.scalingConfig().maxSize());
        scaling.put("desiredSize", nodegroup.scalingConfig().desiredSize());
        json.set("instanceTypes", strings(nodegroup.instanceTypes()));
        json.set("subnets", strings(nodegroup.subnets()));
        json.put("amiType", nodegroup.amiType());
        json.put("nodeRole", nodegroup.nodeRole());
        json.set("labels", stringMap(nodegroup.labels()));
        ObjectNode resources = json.putObject("resources");
        if (nodegroup.status(now) != NodegroupStatus.CREATING) {
            resources.putArray("autoScalingGroups").addObject().put("name", nodegroup.autoScalingGroupName());
        }
        json.put("diskSize", nodegroup.diskSize());
        json.putObject("health").putArray("issues");
        json.putObject("updateConfig").put("maxUnavailable", 1);
        json.set("tags", stringMap(nodegroup.tags()));
        return json;
    }

    static ObjectNode accessEntry(AccessEntry entry) {
        ObjectNode json = object();
        json.put("clusterName", entry.clusterName());
        json.put("principalArn", entry.principalArn());
        json.set("kubernetesGroups", strings(entry.kubernetesGroups()));
        json.put("accessEntryArn", entry.accessEntryArn());
        json.put("createdAt", epoch(entry.createdAt()));
        json.put("modifiedAt", epoch(entry.modifiedAt()));
        json.set("tags", stringMap(entry.tags()));
        json.put("username", entry.username());
        json.put("type", entry.type());
        return json;
    }

    static ObjectNode associatedPolicy(AssociatedPolicy policy) {
        ObjectNode json = object();
        json.put("policyArn", policy.policyArn());
        ObjectNode scope = json.putObject("accessScope");
        scope.put("type", policy.accessScope().type());
        scope.set("namespaces", strings(policy.accessScope().namespaces()));
        json.put("associatedAt", epoch(policy.associatedAt()));
        json.put("modifiedAt", epoch(policy.modifiedAt()));
        return json;
    }
}
