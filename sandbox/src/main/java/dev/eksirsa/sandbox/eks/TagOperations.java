package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTagsForResource on clusters, node groups and access entries. */
final class TagOperations {
    private static final Pattern EKS_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\\d{12}):(cluster|nodegroup|access-entry)/([^/]+)(/.*)?$");

    private final EksContext ctx;

    TagOperations(EksContext ctx) {
        this.ctx = ctx;
    }

    AwsResponse list(AwsCall call, String arn) {
        Caller caller = call.requireCaller();
        call.target(arn);
        ctx.authorize(caller, "eks:ListTagsForResource", arn);
        return EksJson.ok("tags", EksJson.stringMap(resolve(caller, arn).tags()));
    }

    AwsResponse tag(AwsCall call, String arn) {
        Caller caller = call.requireCaller();
        call.target(arn);
        ctx.authorize(caller, "eks:TagResource", arn);
        EksBody body = EksBody.parse(call.request());
        if (!body.present("tags")) {
            throw EksErrors.badRequest(
                    "1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        Map<String, String> added = body.stringMap("tags");
        Tagged target = resolve(caller, arn);
        long existingOthers = target.tags().keySet().stream()
                .filter(k -> !added.containsKey(k))
                .count();
        Tags.validate(added, (int) existingOthers, EksErrors::badRequest);
        target.put(added, List.of());
        return EksJson.ok(EksJson.object());
    }

    AwsResponse untag(AwsCall call, String arn) {
        Caller caller = call.requireCaller();
        call.target(arn);
        ctx.authorize(caller, "eks:UntagResource", arn);
        List<String> keys = tagKeys(call.request().rawQuery());
        if (keys.isEmpty()) {
            throw EksErrors.badRequest(
                    "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        resolve(caller, arn).put(Map.of(), keys);
        return EksJson.ok(EksJson.object());
    }

    /** A taggable resource: its current tags and how to change them. */
    private interface Tagged {
        Map<String, String> tags();

        void put(Map<String, String> added, List<String> removed);
    }

    private Tagged resolve(Caller caller, String arn) {
        Matcher m = EKS_ARN.matcher(arn);
        if (!m.matches()) {
            throw EksErrors.badRequest("The resource ARN " + arn + " is not valid.");
        }
        if (!m.group(1).equals(ctx.region()) || !m.group(2).equals(caller.accountId())) {
            throw notFound();
        }
        Cluster cluster = ctx.clusters().find(caller.accountId(), m.group(4)).orElseThrow(TagOperations::notFound);
        return switch (m.group(3)) {
            case "cluster" -> {
                if (!cluster.arn().equals(arn)) {
                    throw notFound();
                }
                yield new Tagged() {
                    public Map<String, String> tags() {
                        return cluster.tags();
                    }

                    public void put(Map<String, String> added, List<String> removed) {
                        cluster.putTags(added);
                        cluster.removeTags(removed);
                    }
                };
            }
            case "nodegroup" -> {
                Nodegroup nodegroup = cluster.nodegroups().stream()
                        .filter(n -> n.nodegroupArn().equals(arn))
                        .findFirst()
                        .orElseThrow(TagOperations::notFound);
                yield new Tagged() {
                    public Map<String, String> tags() {
                        return nodegroup.tags();
                    }

                    public void put(Map<String, String> added, List<String> removed) {
                        synchronized (cluster) {
                            cluster.nodegroup(nodegroup.nodegroupName())
                                    .ifPresent(n -> cluster.putNodegroup(n.withTags(merged(n.tags(), added, removed))));
                        }
                    }
                };
            }
            default -> {
                AccessEntry entry = cluster.accessEntries().stream()
                        .filter(e -> e.accessEntryArn().equals(arn))
                        .findFirst()
                        .orElseThrow(TagOperations::notFound);
                yield new Tagged() {
                    public Map<String, String> tags() {
                        return entry.tags();
                    }

                    public void put(Map<String, String> added, List<String> removed) {
                        synchronized (cluster) {
                            cluster.accessEntry(entry.principalArn())
                                    .ifPresent(
                                            e -> cluster.putAccessEntry(e.withTags(merged(e.tags(), added, removed))));
                        }
                    }
                };
            }
        };
    }

    private static Map<String, String> merged(
            Map<String, String> tags, Map<String, String> added, List<String> removed) {
        Map<String, String> result = new java.util.LinkedHashMap<>(tags);
        result.putAll(added);
        removed.forEach(result::remove);
        return result;
    }

    private static List<String> tagKeys(String rawQuery) {
        List<String> keys = new ArrayList<>();
        if (rawQuery == null) {
            return keys;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("tagKeys")) {
                keys.add(java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return keys;
    }

    private static RuntimeException notFound() {
        return EksErrors.tagTargetNotFound("Resource was not found");
    }
}
