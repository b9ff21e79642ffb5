package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.http.AwsError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operation a rest-json request names by method and path, with its path labels decoded one by one: the
 * SDK percent-encodes the {@code /} inside ARN labels, so the raw path is split before decoding.
 */
record EksRoute(
        String action,
        String clusterName,
        String nodegroupName,
        String principalArn,
        String policyArn,
        String resourceArn) {
    private static final Pattern CLUSTERS = Pattern.compile("^/clusters/?$");
    private static final Pattern CLUSTER = Pattern.compile("^/clusters/([^/]+)/?$");
    private static final Pattern NODEGROUPS = Pattern.compile("^/clusters/([^/]+)/node-groups/?$");
    private static final Pattern NODEGROUP = Pattern.compile("^/clusters/([^/]+)/node-groups/([^/]+)/?$");
    private static final Pattern ENTRIES = Pattern.compile("^/clusters/([^/]+)/access-entries/?$");
    // Labels may arrive with their slashes unencoded (other clients), hence ".+" and the explicit suffixes.
    private static final Pattern ENTRY_POLICY =
            Pattern.compile("^/clusters/([^/]+)/access-entries/(.+)/access-policies/(.+)$");
    private static final Pattern ENTRY_POLICIES =
            Pattern.compile("^/clusters/([^/]+)/access-entries/(.+)/access-policies/?$");
    private static final Pattern ENTRY = Pattern.compile("^/clusters/([^/]+)/access-entries/(.+)$");
    private static final Pattern ACCESS_POLICIES = Pattern.compile("^/access-policies/?$");
    private static final Pattern TAGS = Pattern.compile("^/tags/(.+)$");
    private static final Pattern CLUSTER_VERSIONS = Pattern.compile("^/cluster-versions/?$");

    static EksRoute parse(String method, String rawPath) {
        Matcher m;
        if (CLUSTERS.matcher(rawPath).matches()) {
            return cluster(pick(method, "GET", "ListClusters", "POST", "CreateCluster"), null);
        }
        if ((m = CLUSTER.matcher(rawPath)).matches()) {
            return cluster(pick(method, "GET", "DescribeCluster", "DELETE", "DeleteCluster"), m.group(1));
        }
        if ((m = NODEGROUPS.matcher(rawPath)).matches()) {
            return cluster(pick(method, "GET", "ListNodegroups", "POST", "CreateNodegroup"), m.group(1));
        }
        if ((m = NODEGROUP.matcher(rawPath)).matches()) {
            return new EksRoute(
                    pick(method, "GET", "DescribeNodegroup", "DELETE", "DeleteNodegroup"),
                    decode(m.group(1)),
                    decode(m.group(2)),
                    null,
                    null,
                    null);
        }
        if ((m = ENTRIES.matcher(rawPath)).matches()) {
            return cluster(pick(method, "GET", "ListAccessEntries", "POST", "CreateAccessEntry"), m.group(1));
        }
        if ((m = ENTRY_POLICY.matcher(rawPath)).matches()) {
            return entry(pick(method, "DELETE", "DisassociateAccessPolicy", null, null), m, decode(m.group(3)));
        }
        if ((m = ENTRY_POLICIES.matcher(rawPath)).matches()) {
            return entry(pick(method, "GET", "ListAssociatedAccessPolicies", "POST", "AssociateAccessPolicy"), m, null);
        }
        if ((m = ENTRY.matcher(rawPath)).matches()) {
            String action =
                    switch (method) {
                        case "GET" -> "DescribeAccessEntry";
                        case "DELETE" -> "DeleteAccessEntry";
                        case "POST" -> "UpdateAccessEntry";
                        default -> throw unknown();
                    };
            return entry(action, m, null);
        }
        if (CLUSTER_VERSIONS.matcher(rawPath).matches()) {
            return cluster(pick(method, "GET", "DescribeClusterVersions", null, null), null);
        }
        if (ACCESS_POLICIES.matcher(rawPath).matches()) {
            return cluster(pick(method, "GET", "ListAccessPolicies", null, null), null);
        }
        if ((m = TAGS.matcher(rawPath)).matches()) {
            String action =
                    switch (method) {
                        case "GET" -> "ListTagsForResource";
                        case "POST" -> "TagResource";
                        case "DELETE" -> "UntagResource";
                        default -> throw unknown();
                    };
            return new EksRoute(action, null, null, null, null, decode(m.group(1)));
        }
        throw unknown();
    }

    private static EksRoute cluster(String action, String rawName) {
        return new EksRoute(action, rawName == null ? null : decode(rawName), null, null, null, null);
    }

    private static EksRoute entry(String action, Matcher m, String policyArn) {
        return new EksRoute(action, decode(m.group(1)), null, decode(m.group(2)), policyArn, null);
    }

    private static String pick(String method, String m1, String a1, String m2, String a2) {
        if (method.equals(m1)) {
            return a1;
        }
        if (m2 != null && method.equals(m2)) {
            return a2;
        }
        throw unknown();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static AwsError unknown() {
        return new AwsError(404, "UnknownOperationException", "Not Found");
    }
}
