package dev.eksirsa.sandbox.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Access entries and their access policies. */
final class AccessEntryOperations {
    private static final Set<String> TYPES =
            Set.of("STANDARD", "FARGATE_LINUX", "EC2_LINUX", "EC2_WINDOWS", "EC2", "HYBRID_LINUX", "HYPERPOD_LINUX");

    private final EksContext ctx;

    AccessEntryOperations(EksContext ctx) {
        this.ctx = ctx;
    }

    static AccessEntry newEntry(
            EksContext ctx,
            Cluster cluster,
            String principalArn,
            String type,
            String username,
            List<String> groups,
            Map<String, String> tags,
            boolean createdByEks,
            Instant now) {
        String kind = Principals.isRole(principalArn) ? "role" : "user";
        String arn = "arn:aws:eks:" + ctx.region() + ":" + cluster.accountId() + ":access-entry/" + cluster.name() + "/"
                + kind + "/" + Principals.accountOf(principalArn) + "/" + Principals.name(principalArn) + "/"
                + UUID.randomUUID();
        return new AccessEntry(
                cluster.name(),
                principalArn,
                arn,
                type,
                username == null ? Principals.defaultUsername(principalArn) : username,
                groups,
                now,
                now,
                tags,
                Map.of(),
                createdByEks);
    }

    AwsResponse create(AwsCall call, String clusterName) {
        Caller caller = call.requireCaller();
        EksBody body = EksBody.parse(call.request());
        String principalArn = body.requiredString("principalArn");
        call.target(principalArn);
        ctx.authorize(caller, "eks:CreateAccessEntry", ctx.clusterArn(caller.accountId(), clusterName));
        Cluster cluster = usableCluster(caller, clusterName);
        if (!Principals.IAM_PRINCIPAL.matcher(principalArn).matches()
                || !ctx.iam().principalExists(principalArn)) {
            throw EksErrors.invalidParameter("The specified principalArn is invalid: invalid principal.");
        }
        String type = body.string("type") == null ? "STANDARD" : body.string("type");
        if (!TYPES.contains(type)) {
            throw EksErrors.invalidParameter(
                    "The specified type " + type + " is invalid. Valid values are " + TYPES + ".");
        }
        List<String> groups = body.strings("kubernetesGroups") == null ? List.of() : body.strings("kubernetesGroups");
        if (!type.equals("STANDARD") && !groups.isEmpty()) {
            throw EksErrors.invalidParameter(
                    "kubernetesGroups cannot be specified for access entries of type " + type + ".");
        }
        validateIdentity(body.string("username"), groups);
        Map<String, String> tags = body.stringMap("tags");
        Tags.validate(tags, 0, EksErrors::invalidParameter);
        Instant now = ctx.now();
        AccessEntry entry;
        synchronized (cluster) {
            if (cluster.accessEntry(principalArn).isPresent()) {
                throw EksErrors.inUse("The specified access entry resource is already in use on this cluster.");
            }
            String username = body.string("username") != null
                    ? body.string("username")
                    : type.startsWith("EC2") ? NodegroupOperations.NODE_USERNAME : null;
            List<String> effectiveGroups = type.startsWith("EC2") ? List.of("system:nodes") : groups;
            entry = newEntry(ctx, cluster, principalArn, type, username, effectiveGroups, tags, false, now);
            cluster.putAccessEntry(entry);
        }
        return EksJson.ok("accessEntry", EksJson.accessEntry(entry));
    }

    AwsResponse list(AwsCall call, String clusterName) {
        Caller caller = call.requireCaller();
        call.target(clusterName);
        ctx.authorize(caller, "eks:ListAccessEntries", ctx.clusterArn(caller.accountId(), clusterName));
        Cluster cluster = usableCluster(caller, clusterName);
        String policyFilter = call.request().query().get("associatedPolicyArn");
        List<String> principals = cluster.accessEntries().stream()
                .filter(e -> policyFilter == null || e.hasPolicy(policyFilter))
                .map(AccessEntry::principalArn)
                .sorted()
                .toList();
        Page<String> page = Page.of(
                principals,
                call.request().query().get("maxResults"),
                call.request().query().get("nextToken"));
        ObjectNode body = EksJson.object();
        body.set("accessEntries", EksJson.strings(page.items()));
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return EksJson.ok(body);
    }

    AwsResponse describe(AwsCall call, String clusterName, String principalArn) {
        Caller caller = call.requireCaller();
        call.target(principalArn);
        AccessEntry entry = find(caller, "eks:DescribeAccessEntry", clusterName, principalArn);
        return EksJson.ok("accessEntry", EksJson.accessEntry(entry));
    }

    AwsResponse update(AwsCall call, String clusterName, String principalArn) {
        Caller caller = call.requireCaller();
        call.target(principalArn);
        AccessEntry entry = find(caller, "eks:UpdateAccessEntry", clusterName, principalArn);
        EksBody body = EksBody.parse(call.request());
        List<String> groups =
                body.strings("kubernetesGroups") == null ? entry.kubernetesGroups() : body.strings("kubernetesGroups");
        String username = body.string("username") == null ? entry.username() : body.string("username");
        if (!entry.type().equals("STANDARD") && body.strings("kubernetesGroups") != null) {
            throw EksErrors.invalidParameter(
                    "kubernetesGroups cannot be specified for access entries of type " + entry.type() + ".");
        }
        validateIdentity(body.string("username"), body.strings("kubernetesGroups") == null ? List.of() : groups);
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        AccessEntry updated = entry.withIdentity(username, groups, ctx.now());
        cluster.putAccessEntry(updated);
        return EksJson.ok("accessEntry", EksJson.accessEntry(updated));
    }

    AwsResponse delete(AwsCall call, String clusterName, String principalArn) {
        Caller caller = call.requireCaller();
        call.target(principalArn);
        find(caller, "eks:DeleteAccessEntry", clusterName, principalArn);
        ctx.requireCluster(caller, clusterName).removeAccessEntry(principalArn);
        return EksJson.ok(EksJson.object());
    }

    AwsResponse associatePolicy(AwsCall call, String clusterName, String principalArn) {
        Caller caller = call.requireCaller();
        call.target(principalArn);
        AccessEntry entry = find(caller, "eks:AssociateAccessPolicy", clusterName, principalArn);
        EksBody body = EksBody.parse(call.request());
        String policyArn = body.requiredString("policyArn");
        if (!body.present("accessScope")) {
            throw EksErrors.missing("accessScope");
        }
        AccessScope scope = scope(body.object("accessScope"));
        if (!AccessPolicies.known(policyArn)) {
            throw EksErrors.invalidParameter("The specified policyArn " + policyArn + " is invalid.");
        }
        if (!entry.type().equals("STANDARD")) {
            throw EksErrors.invalidRequest(
                    "Access policies can only be associated with access entries of type STANDARD.");
        }
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        Instant now = ctx.now();
        AssociatedPolicy policy;
        synchronized (cluster) {
            AccessEntry current = cluster.accessEntry(principalArn).orElseThrow(EksErrors::accessEntryNotFound);
            Instant associatedAt = current.policies().containsKey(policyArn)
                    ? current.policies().get(policyArn).associatedAt()
                    : now;
            policy = new AssociatedPolicy(policyArn, scope, associatedAt, now);
            cluster.putAccessEntry(current.withPolicy(policy, now));
        }
        ObjectNode response = EksJson.object();
        response.put("clusterName", clusterName);
        response.put("principalArn", principalArn);
        response.set("associatedAccessPolicy", EksJson.associatedPolicy(policy));
        return EksJson.ok(response);
    }

    AwsResponse disassociatePolicy(AwsCall call, String clusterName, String principalArn, String policyArn) {
        Caller caller = call.requireCaller();
        call.target(principalArn);
        AccessEntry entry = find(caller, "eks:DisassociateAccessPolicy", clusterName, principalArn);
        if (!entry.hasPolicy(policyArn)) {
            throw EksErrors.notFound("The specified policy is not associated with the access entry.");
        }
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        synchronized (cluster) {
            cluster.accessEntry(principalArn)
                    .ifPresent(e -> cluster.putAccessEntry(e.withoutPolicy(policyArn, ctx.now())));
        }
        return EksJson.ok(EksJson.object());
    }

    AwsResponse listAssociatedPolicies(AwsCall call, String clusterName, String principalArn) {
        Caller caller = call.requireCaller();
        call.target(principalArn);
        AccessEntry entry = find(caller, "eks:ListAssociatedAccessPolicies", clusterName, principalArn);
        Page<AssociatedPolicy> page = Page.of(
                List.copyOf(entry.policies().values()),
                call.request().query().get("maxResults"),
                call.request().query().get("nextToken"));
        ObjectNode body = EksJson.object();
        body.put("clusterName", clusterName);
        body.put("principalArn", principalArn);
        var policies = body.putArray("associatedAccessPolicies");
        page.items().forEach(p -> policies.add(EksJson.associatedPolicy(p)));
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return EksJson.ok(body);
    }

    AwsResponse listAccessPolicies(AwsCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(caller, "eks:ListAccessPolicies", "*");
        ObjectNode body = EksJson.object();
        var policies = body.putArray("accessPolicies");
        AccessPolicies.NAMES.forEach(n -> policies.addObject().put("name", n).put("arn", AccessPolicies.PREFIX + n));
        return EksJson.ok(body);
    }

    private AccessEntry find(Caller caller, String action, String clusterName, String principalArn) {
        var entry = ctx.clusters().find(caller.accountId(), clusterName).flatMap(c -> c.accessEntry(principalArn));
        ctx.authorize(
                caller,
                action,
                entry.map(AccessEntry::accessEntryArn).orElse(ctx.clusterArn(caller.accountId(), clusterName)));
        usableCluster(caller, clusterName);
        return entry.orElseThrow(EksErrors::accessEntryNotFound);
    }

    private Cluster usableCluster(Caller caller, String clusterName) {
        Cluster cluster = ctx.requireCluster(caller, clusterName);
        if (!cluster.accessConfig().accessEntriesEnabled()) {
            throw EksErrors.invalidRequest(
                    "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP]"
                            + " to perform this operation.");
        }
        return cluster;
    }

    private static AccessScope scope(EksBody request) {
        String type = request.string("type");
        List<String> namespaces = request.strings("namespaces") == null ? List.of() : request.strings("namespaces");
        if (type == null) {
            throw EksErrors.missing("accessScope.type");
        }
        switch (type) {
            case "cluster" -> {
                if (!namespaces.isEmpty()) {
                    throw EksErrors.invalidParameter(
                            "Namespaces cannot be specified for an access scope of type cluster.");
                }
            }
            case "namespace" -> {
                if (namespaces.isEmpty()) {
                    throw EksErrors.invalidParameter(
                            "At least one namespace must be specified for an access scope of type" + " namespace.");
                }
            }
            default -> throw EksErrors.invalidParameter(
                    "1 validation error detected: Value '" + type
                            + "' at 'accessScope.type' failed to satisfy constraint: Member must satisfy enum value set: [cluster, namespace]");
        }
        return new AccessScope(type, namespaces);
    }

    private static void validateIdentity(String username, List<String> groups) {
        for (String group : groups) {
            if (group.startsWith("system:")) {
                throw EksErrors.invalidParameter(
                        "The kubernetes group name " + group + " is invalid, it cannot start with" + " system:");
            }
        }
        if (username != null
                && (username.startsWith("system:")
                        || username.startsWith("amazon:")
                        || username.startsWith("aws:")
                        || username.startsWith("eks:")
                        || username.startsWith("iam:"))) {
            throw EksErrors.invalidParameter("The username " + username
                    + " is invalid: it cannot start with system:, amazon:," + " aws:, eks: or iam:.");
        }
    }
}
