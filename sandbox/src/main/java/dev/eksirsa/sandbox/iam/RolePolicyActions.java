package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A role's inline policies and managed-policy attachments. */
final class RolePolicyActions {
    private final IamStore iam;

    RolePolicyActions(IamStore iam) {
        this.iam = iam;
    }

    void register(Map<String, Function<IamRequest, Xml>> actions) {
        actions.put("PutRolePolicy", this::put);
        actions.put("GetRolePolicy", this::get);
        actions.put("DeleteRolePolicy", this::delete);
        actions.put("ListRolePolicies", this::list);
        actions.put("AttachRolePolicy", this::attach);
        actions.put("DetachRolePolicy", this::detach);
        actions.put("ListAttachedRolePolicies", this::listAttached);
    }

    private Xml put(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        String name = r.required("PolicyName");
        IamValidation.name("policyName", name, 128);
        String document = PolicyDocuments.identity(
                r.required("PolicyDocument"),
                PolicyDocuments.ROLE_POLICY_SIZE_QUOTA,
                "Maximum policy size of " + PolicyDocuments.ROLE_POLICY_SIZE_QUOTA + " bytes exceeded for role "
                        + role.name);
        synchronized (lock(r)) {
            role.inlinePolicies.put(name, document);
        }
        return null;
    }

    private Xml get(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        String name = r.required("PolicyName");
        String document;
        synchronized (lock(r)) {
            document = role.inlinePolicies.get(name);
        }
        if (document == null) {
            throw AwsError.noSuchEntity("The role policy with name " + name + " cannot be found.");
        }
        return QueryProtocol.result("GetRolePolicy")
                .add("RoleName", role.name)
                .add("PolicyName", name)
                .add("PolicyDocument", IamXml.encodeDocument(document));
    }

    private Xml delete(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        String name = r.required("PolicyName");
        synchronized (lock(r)) {
            if (role.inlinePolicies.remove(name) == null) {
                throw AwsError.noSuchEntity("The role policy with name " + name + " cannot be found.");
            }
        }
        return null;
    }

    private Xml list(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        List<String> names;
        synchronized (lock(r)) {
            names = new ArrayList<>(role.inlinePolicies.keySet());
        }
        Pages<String> page = Pages.of(r, names);
        Xml list = Xml.el("PolicyNames");
        page.page().forEach(n -> list.add("member", n));
        return QueryProtocol.result("ListRolePolicies")
                .add(list)
                .add("IsTruncated", page.truncated())
                .add("Marker", page.nextMarker());
    }

    private Xml attach(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        String policyArn = r.required("PolicyArn");
        IamValidation.arn("policyArn", policyArn);
        if (iam.managedPolicy(policyArn).isEmpty()) {
            throw AwsError.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            if (!role.attachedPolicyArns.contains(policyArn)
                    && role.attachedPolicyArns.size() >= account.attachedPoliciesPerRoleQuota()) {
                throw new AwsError(
                        409,
                        "LimitExceeded",
                        "Cannot exceed quota for PoliciesPerRole: " + account.attachedPoliciesPerRoleQuota());
            }
            role.attachedPolicyArns.add(policyArn);
        }
        return null;
    }

    private Xml detach(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        String policyArn = r.required("PolicyArn");
        IamValidation.arn("policyArn", policyArn);
        synchronized (lock(r)) {
            if (!role.attachedPolicyArns.remove(policyArn)) {
                throw AwsError.noSuchEntity("Policy " + policyArn + " was not found.");
            }
        }
        return null;
    }

    private Xml listAttached(IamRequest r) {
        Role role = RoleActions.requireRole(r, iam);
        List<String> arns;
        synchronized (lock(r)) {
            arns = new ArrayList<>(role.attachedPolicyArns);
        }
        Pages<String> page = Pages.of(r, arns);
        Xml list = Xml.el("AttachedPolicies");
        page.page()
                .forEach(arn -> list.add(Xml.el("member")
                        .add("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
                        .add("PolicyArn", arn)));
        return QueryProtocol.result("ListAttachedRolePolicies")
                .add(list)
                .add("IsTruncated", page.truncated())
                .add("Marker", page.nextMarker());
    }

    private Object lock(IamRequest r) {
        return iam.requireAccount(r.accountId()).lock();
    }
}
