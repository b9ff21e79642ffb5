package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.account.Ids;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Role lifecycle: create, read, list, update, tag, delete. */
final class RoleActions {
    private final Clock clock;
    private final IamStore iam;

    RoleActions(Clock clock, IamStore iam) {
        this.clock = clock;
        this.iam = iam;
    }

    void register(Map<String, Function<IamRequest, Xml>> actions) {
        actions.put("CreateRole", this::createRole);
        actions.put("GetRole", this::getRole);
        actions.put("ListRoles", this::listRoles);
        actions.put("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy);
        actions.put("UpdateRole", this::updateRole);
        actions.put("UpdateRoleDescription", this::updateRoleDescription);
        actions.put("DeleteRole", this::deleteRole);
        actions.put("TagRole", this::tagRole);
        actions.put("UntagRole", this::untagRole);
        actions.put("ListRoleTags", this::listRoleTags);
        actions.put("PutRolePermissionsBoundary", this::putPermissionsBoundary);
        actions.put("DeleteRolePermissionsBoundary", this::deletePermissionsBoundary);
    }

    private Xml createRole(IamRequest r) {
        String name = r.required("RoleName");
        IamValidation.name("roleName", name, 64);
        String path = r.param("Path") == null ? "/" : r.param("Path");
        IamValidation.path(path);
        String trustJson = r.required("AssumeRolePolicyDocument");
        String description = r.param("Description");
        if (description != null) {
            IamValidation.length("description", description, 0, 1000);
        }
        int maxSession = r.param("MaxSessionDuration") == null
                ? 3600
                : IamValidation.integer("MaxSessionDuration", r.param("MaxSessionDuration"));
        IamValidation.range("maxSessionDuration", maxSession, 3600, 43200);
        String boundary = r.param("PermissionsBoundary");
        Map<String, String> tags = IamService.tags(r.call().request(), "Tags");
        IamValidation.tags(tags, 0);
        String arn = r.roleArn(path, name);
        r.authorize(arn, arn);
        if (!tags.isEmpty()) {
            r.authorizeAlso("iam:TagRole", arn);
        }
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            if (account.roles.containsKey(name.toLowerCase(Locale.ROOT))) {
                throw new AwsError(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
            }
            if (account.roles.size() >= account.rolesQuota()) {
                throw new AwsError(
                        409, "LimitExceeded", "Cannot exceed quota for RolesPerAccount: " + account.rolesQuota());
            }
            if (boundary != null) {
                requireBoundaryPolicy(boundary);
            }
            PolicyDocuments.StoredTrust trust = PolicyDocuments.trust(iam, account, name, trustJson);
            Role role = new Role(name, path, arn, Ids.uniqueId("AROA"), Instant.now(clock));
            role.trustPolicyJson = trust.json();
            role.trustPolicy = trust.document();
            role.description = description;
            role.maxSessionDuration = maxSession;
            role.permissionsBoundaryArn = boundary;
            role.tags.putAll(tags);
            account.roles.put(name.toLowerCase(Locale.ROOT), role);
            return QueryProtocol.result("CreateRole").add(IamXml.role(role, true));
        }
    }

    private Xml getRole(IamRequest r) {
        Role role = requireRole(r);
        return QueryProtocol.result("GetRole").add(IamXml.role(role, true));
    }

    private Xml listRoles(IamRequest r) {
        String prefix = r.param("PathPrefix") == null ? "/" : r.param("PathPrefix");
        r.authorize("arn:aws:iam::" + r.accountId() + ":role/", null);
        IamAccount account = iam.requireAccount(r.accountId());
        List<Role> roles;
        synchronized (account.lock()) {
            roles = account.roles.values().stream()
                    .filter(role -> role.path.startsWith(prefix))
                    .toList();
        }
        return Pages.of(r, roles).render(QueryProtocol.result("ListRoles"), "Roles", role -> IamXml.role(role, false));
    }

    private Xml updateAssumeRolePolicy(IamRequest r) {
        Role role = requireRole(r);
        String json = r.required("PolicyDocument");
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            PolicyDocuments.StoredTrust trust = PolicyDocuments.trust(iam, account, role.name, json);
            role.trustPolicyJson = trust.json();
            role.trustPolicy = trust.document();
        }
        return null;
    }

    private Xml updateRole(IamRequest r) {
        Role role = requireRole(r);
        String description = r.param("Description");
        String max = r.param("MaxSessionDuration");
        if (description != null) {
            IamValidation.length("description", description, 0, 1000);
        }
        Integer maxSession = max == null ? null : IamValidation.integer("MaxSessionDuration", max);
        if (maxSession != null) {
            IamValidation.range("maxSessionDuration", maxSession, 3600, 43200);
        }
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            if (description != null) {
                role.description = description;
            }
            if (maxSession != null) {
                role.maxSessionDuration = maxSession;
            }
        }
        return QueryProtocol.result("UpdateRole");
    }

    private Xml updateRoleDescription(IamRequest r) {
        Role role = requireRole(r);
        String description = r.required("Description");
        IamValidation.length("description", description, 0, 1000);
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            role.description = description;
        }
        return QueryProtocol.result("UpdateRoleDescription").add(IamXml.role(role, true));
    }

    private Xml deleteRole(IamRequest r) {
        Role role = requireRole(r);
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            if (!role.attachedPolicyArns.isEmpty() || !role.inlinePolicies.isEmpty()) {
                throw new AwsError(409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");
            }
            account.roles.remove(role.name.toLowerCase(Locale.ROOT));
        }
        return null;
    }

    private Xml tagRole(IamRequest r) {
        Role role = requireRole(r);
        Map<String, String> tags = IamService.tags(r.call().request(), "Tags");
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            long added = tags.keySet().stream()
                    .filter(k -> !role.tags.containsKey(k))
                    .count();
            IamValidation.tags(tags, (int) (role.tags.size() + added - tags.size()));
            role.tags.putAll(tags);
        }
        return null;
    }

    private Xml untagRole(IamRequest r) {
        Role role = requireRole(r);
        List<String> keys = r.call().request().memberList("TagKeys.member");
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            keys.forEach(role.tags::remove);
        }
        return null;
    }

    private Xml listRoleTags(IamRequest r) {
        Role role = requireRole(r);
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            return QueryProtocol.result("ListRoleTags")
                    .add(IamXml.tagsElement(role.tags))
                    .add("IsTruncated", false);
        }
    }

    private Xml putPermissionsBoundary(IamRequest r) {
        Role role = requireRole(r);
        String boundary = r.required("PermissionsBoundary");
        requireBoundaryPolicy(boundary);
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            role.permissionsBoundaryArn = boundary;
        }
        return null;
    }

    private Xml deletePermissionsBoundary(IamRequest r) {
        Role role = requireRole(r);
        synchronized (iam.requireAccount(r.accountId()).lock()) {
            role.permissionsBoundaryArn = null;
        }
        return null;
    }

    private void requireBoundaryPolicy(String arn) {
        IamValidation.arn("permissionsBoundary", arn);
        if (iam.managedPolicy(arn).isEmpty()) {
            throw new AwsError(400, "InvalidInput", "ARN " + arn + " is not valid.");
        }
    }

    /** Validates RoleName, authorises the action on the role and returns it, or NoSuchEntity. */
    static Role requireRole(IamRequest r, IamStore iam) {
        String name = r.required("RoleName");
        IamValidation.name("roleName", name, 64);
        IamAccount account = iam.requireAccount(r.accountId());
        Role role = account.role(name).orElse(null);
        String arn = role != null ? role.arn : r.roleArn("/", name);
        r.authorize(arn, arn);
        if (role == null) {
            throw AwsError.noSuchEntity("The role with name " + name + " cannot be found.");
        }
        return role;
    }

    private Role requireRole(IamRequest r) {
        return requireRole(r, iam);
    }
}
