package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.account.Ids;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Customer-managed policies with versions (at most five), and read access to the AWS-managed ones. */
final class ManagedPolicyActions {
    private static final int MAX_VERSIONS = 5;
    private final Clock clock;
    private final IamStore iam;

    ManagedPolicyActions(Clock clock, IamStore iam) {
        this.clock = clock;
        this.iam = iam;
    }

    void register(Map<String, Function<IamRequest, Xml>> actions) {
        actions.put("CreatePolicy", this::create);
        actions.put("GetPolicy", this::get);
        actions.put("DeletePolicy", this::delete);
        actions.put("ListPolicies", this::list);
        actions.put("CreatePolicyVersion", this::createVersion);
        actions.put("GetPolicyVersion", this::getVersion);
        actions.put("ListPolicyVersions", this::listVersions);
        actions.put("DeletePolicyVersion", this::deleteVersion);
        actions.put("SetDefaultPolicyVersion", this::setDefault);
    }

    private Xml create(IamRequest r) {
        String name = r.required("PolicyName");
        IamValidation.name("policyName", name, 128);
        String path = r.param("Path") == null ? "/" : r.param("Path");
        IamValidation.path(path);
        String arn = "arn:aws:iam::" + r.accountId() + ":policy" + path + name;
        r.authorize(arn, arn);
        String document = PolicyDocuments.identity(
                r.required("PolicyDocument"),
                PolicyDocuments.MANAGED_POLICY_SIZE_QUOTA,
                "Cannot exceed quota for PolicySize: " + PolicyDocuments.MANAGED_POLICY_SIZE_QUOTA);
        Map<String, String> tags = IamService.tags(r.call().request(), "Tags");
        IamValidation.tags(tags, 0);
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            boolean nameTaken = account.policies.values().stream().anyMatch(p -> p.name.equals(name));
            if (nameTaken) {
                throw new AwsError(
                        409,
                        "EntityAlreadyExists",
                        "A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            Instant now = Instant.now(clock);
            ManagedPolicy policy = new ManagedPolicy(name, path, arn, Ids.uniqueId("ANPA"), now, false);
            policy.description = r.param("Description");
            policy.tags.putAll(tags);
            addVersion(policy, document, true, now);
            account.policies.put(arn, policy);
            return QueryProtocol.result("CreatePolicy").add(IamXml.policy(policy, 0));
        }
    }

    private Xml get(IamRequest r) {
        ManagedPolicy policy = requirePolicy(r);
        return QueryProtocol.result("GetPolicy").add(IamXml.policy(policy, attachments(policy.arn)));
    }

    private Xml delete(IamRequest r) {
        ManagedPolicy policy = requireCustomerPolicy(r);
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            if (attachments(policy.arn) > 0) {
                throw new AwsError(409, "DeleteConflict", "Cannot delete a policy attached to entities.");
            }
            if (policy.versions.size() > 1) {
                throw new AwsError(
                        409, "DeleteConflict", "Cannot delete a policy with versions other than the default version.");
            }
            account.policies.remove(policy.arn);
        }
        return null;
    }

    private Xml list(IamRequest r) {
        String scope = r.param("Scope") == null ? "All" : r.param("Scope");
        boolean onlyAttached = Boolean.parseBoolean(r.param("OnlyAttached"));
        r.authorize("arn:aws:iam::" + r.accountId() + ":policy/", null);
        List<ManagedPolicy> policies = new ArrayList<>();
        if (!scope.equals("Local")) {
            policies.addAll(iam.awsManagedPolicies());
        }
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            if (!scope.equals("AWS")) {
                policies.addAll(account.policies.values());
            }
        }
        List<ManagedPolicy> selected = policies.stream()
                .filter(p -> !onlyAttached || attachments(p.arn) > 0)
                .toList();
        return Pages.of(r, selected)
                .render(QueryProtocol.result("ListPolicies"), "Policies", p -> IamXml.policy(p, attachments(p.arn)));
    }

    private Xml createVersion(IamRequest r) {
        ManagedPolicy policy = requireCustomerPolicy(r);
        String document = PolicyDocuments.identity(
                r.required("PolicyDocument"),
                PolicyDocuments.MANAGED_POLICY_SIZE_QUOTA,
                "Cannot exceed quota for PolicySize: " + PolicyDocuments.MANAGED_POLICY_SIZE_QUOTA);
        boolean setDefault = Boolean.parseBoolean(r.param("SetAsDefault"));
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            if (policy.versions.size() >= MAX_VERSIONS) {
                throw new AwsError(
                        409,
                        "LimitExceeded",
                        "A managed policy can have up to " + MAX_VERSIONS
                                + " versions. Before you create a new version, you must delete an existing version.");
            }
            String versionId = addVersion(policy, document, setDefault, Instant.now(clock));
            return QueryProtocol.result("CreatePolicyVersion").add(IamXml.policyVersion(policy, versionId, false));
        }
    }

    private Xml getVersion(IamRequest r) {
        ManagedPolicy policy = requirePolicy(r);
        String versionId = r.required("VersionId");
        requireVersion(policy, versionId);
        return QueryProtocol.result("GetPolicyVersion").add(IamXml.policyVersion(policy, versionId, true));
    }

    private Xml listVersions(IamRequest r) {
        ManagedPolicy policy = requirePolicy(r);
        List<String> ids = new ArrayList<>(policy.versions.keySet());
        java.util.Collections.reverse(ids);
        Xml list = Xml.el("Versions");
        ids.forEach(id -> list.add(IamXml.policyVersion(policy, id, false).renamed("member")));
        return QueryProtocol.result("ListPolicyVersions").add(list).add("IsTruncated", false);
    }

    private Xml deleteVersion(IamRequest r) {
        ManagedPolicy policy = requireCustomerPolicy(r);
        String versionId = r.required("VersionId");
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            requireVersion(policy, versionId);
            if (versionId.equals(policy.defaultVersionId)) {
                throw new AwsError(409, "DeleteConflict", "Cannot delete the default version of a policy.");
            }
            policy.versions.remove(versionId);
            policy.versionDates.remove(versionId);
        }
        return null;
    }

    private Xml setDefault(IamRequest r) {
        ManagedPolicy policy = requireCustomerPolicy(r);
        String versionId = r.required("VersionId");
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            requireVersion(policy, versionId);
            policy.defaultVersionId = versionId;
            policy.updateDate = Instant.now(clock);
        }
        return null;
    }

    private static String addVersion(ManagedPolicy policy, String document, boolean setDefault, Instant now) {
        String versionId = "v" + policy.nextVersion++;
        policy.versions.put(versionId, document);
        policy.versionDates.put(versionId, now);
        if (setDefault || policy.defaultVersionId == null) {
            policy.defaultVersionId = versionId;
            policy.updateDate = now;
        }
        return versionId;
    }

    private static void requireVersion(ManagedPolicy policy, String versionId) {
        if (!policy.versions.containsKey(versionId)) {
            throw AwsError.noSuchEntity(
                    "Policy " + policy.arn + " version " + versionId + " does not exist or is not attachable.");
        }
    }

    private ManagedPolicy requirePolicy(IamRequest r) {
        String arn = r.required("PolicyArn");
        IamValidation.arn("policyArn", arn);
        r.authorize(arn, arn);
        return iam.managedPolicy(arn)
                .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    private ManagedPolicy requireCustomerPolicy(IamRequest r) {
        ManagedPolicy policy = requirePolicy(r);
        if (policy.awsManaged) {
            throw new AwsError(
                    400,
                    "InvalidInput",
                    "The policy " + policy.arn + " is an AWS managed policy and cannot be changed.");
        }
        return policy;
    }

    private int attachments(String policyArn) {
        int count = 0;
        for (IamAccount account : iam.accounts()) {
            synchronized (account.lock()) {
                count += (int) account.roles.values().stream()
                        .filter(role -> role.attachedPolicyArns.contains(policyArn))
                        .count();
                count += (int) account.users.values().stream()
                        .filter(u -> u.attachedPolicyArns.contains(policyArn))
                        .count();
            }
        }
        return count;
    }
}
