package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The legacy (non-aggregated) discovery documents kubectl and fabric8 read. */
final class Discovery {
    static final String GIT_VERSION = "v1.31.2-eks-7f9249a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Discovery() {}

    /** The document for a discovery path, or empty when the path is no discovery path the server serves. */
    static Optional<ObjectNode> answer(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/version")) {
            return Optional.of(version());
        }
        if (p.equals("/api")) {
            ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs")
                    .addObject()
                    .put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", "127.0.0.1:443");
            return Optional.of(versions);
        }
        if (p.equals("/apis")) {
            return Optional.of(groupList());
        }
        if (p.equals("/api/v1")) {
            return Optional.of(resourceList("v1"));
        }
        if (p.startsWith("/apis/")) {
            String[] parts = p.substring("/apis/".length()).split("/");
            if (parts.length == 1) {
                return group(parts[0]);
            }
            if (parts.length == 2 && ApiCatalog.serves(parts[0] + "/" + parts[1])) {
                return Optional.of(resourceList(parts[0] + "/" + parts[1]));
            }
        }
        return Optional.empty();
    }

    static ObjectNode version() {
        return JSON.createObjectNode()
                .put("major", "1")
                .put("minor", "31")
                .put("gitVersion", GIT_VERSION)
                .put("gitCommit", "7f9249a2c1b9a3f2bcb5f3f6a3d8c6e1d2b4a5c6")
                .put("gitTreeState", "clean")
                .put("buildDate", "2024-10-29T19:12:26Z")
                .put("goVersion", "go1.22.8")
                .put("compiler", "gc")
                .put("platform", "linux/amd64");
    }

    private static ObjectNode groupList() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        groupsByName().forEach((name, versions) -> groups.add(groupDocument(name, versions)));
        return list;
    }

    private static Optional<ObjectNode> group(String name) {
        List<String> versions = groupsByName().get(name);
        if (versions == null) {
            return Optional.empty();
        }
        ObjectNode group = groupDocument(name, versions);
        group.put("kind", "APIGroup").put("apiVersion", "v1");
        return Optional.of(group);
    }

    private static Map<String, List<String>> groupsByName() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String gv : ApiCatalog.groupVersions().keySet()) {
            int slash = gv.indexOf('/');
            if (slash > 0) {
                groups.computeIfAbsent(gv.substring(0, slash), k -> new java.util.ArrayList<>())
                        .add(gv.substring(slash + 1));
            }
        }
        return groups;
    }

    private static ObjectNode groupDocument(String name, List<String> versions) {
        ObjectNode group = JSON.createObjectNode().put("name", name);
        ArrayNode array = group.putArray("versions");
        for (String v : versions) {
            array.addObject().put("groupVersion", name + "/" + v).put("version", v);
        }
        group.putObject("preferredVersion")
                .put("groupVersion", name + "/" + versions.get(0))
                .put("version", versions.get(0));
        return group;
    }

    private static ObjectNode resourceList(String groupVersion) {
        ObjectNode list = JSON.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (ApiCatalog.Resource r : ApiCatalog.groupVersions().get(groupVersion)) {
            ObjectNode node = resources
                    .addObject()
                    .put("name", r.name())
                    .put("singularName", r.singular())
                    .put("namespaced", r.namespaced())
                    .put("kind", r.kind());
            if (r.name().equals("serviceaccounts/token")) {
                node.put("group", "authentication.k8s.io").put("version", "v1");
            }
            if (r.name().equals("deployments/scale")) {
                node.put("group", "autoscaling").put("version", "v1");
            }
            ArrayNode verbs = node.putArray("verbs");
            r.verbs().forEach(verbs::add);
            if (!r.shortNames().isEmpty()) {
                ArrayNode shortNames = node.putArray("shortNames");
                r.shortNames().forEach(shortNames::add);
            }
        }
        return list;
    }
}
