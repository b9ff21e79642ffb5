package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Account-level reads: the quota summary the engine checks trust policy sizes against, and GetUser. */
final class AccountActions {
    private final IamStore iam;

    AccountActions(IamStore iam) {
        this.iam = iam;
    }

    void register(Map<String, Function<IamRequest, Xml>> actions) {
        actions.put("GetAccountSummary", this::summary);
        actions.put("GetUser", this::getUser);
    }

    private Xml summary(IamRequest r) {
        r.authorize("*", null);
        IamAccount account = iam.requireAccount(r.accountId());
        Map<String, Integer> summary = new LinkedHashMap<>();
        synchronized (account.lock()) {
            summary.put("Users", account.users.size());
            summary.put("UsersQuota", 5000);
            summary.put("Roles", account.roles.size());
            summary.put("RolesQuota", account.rolesQuota());
            summary.put("Policies", account.policies.size());
            summary.put("PoliciesQuota", 1500);
            summary.put("PolicySizeQuota", PolicyDocuments.MANAGED_POLICY_SIZE_QUOTA);
            summary.put("PolicyVersionsInUseQuota", 10000);
            summary.put("VersionsPerPolicyQuota", 5);
            summary.put("AttachedPoliciesPerRoleQuota", account.attachedPoliciesPerRoleQuota());
            summary.put("AttachedPoliciesPerUserQuota", 10);
            summary.put("RolePolicySizeQuota", PolicyDocuments.ROLE_POLICY_SIZE_QUOTA);
            summary.put("AssumeRolePolicySizeQuota", account.assumeRolePolicySizeQuota());
            summary.put("OpenIDConnectProviders", account.providers.size());
            summary.put("Providers", account.providers.size());
            summary.put("AccountMFAEnabled", 0);
        }
        Xml map = Xml.el("SummaryMap");
        summary.forEach((k, v) -> map.add(Xml.el("entry").add("key", k).add("value", v)));
        return QueryProtocol.result("GetAccountSummary").add(map);
    }

    private Xml getUser(IamRequest r) {
        String name = r.param("UserName");
        IamAccount account = iam.requireAccount(r.accountId());
        User user = name == null
                ? account.users.values().stream()
                        .filter(u -> u.arn.equals(r.caller().arn()))
                        .findFirst()
                        .orElse(null)
                : account.user(name).orElse(null);
        String arn = user != null ? user.arn : "arn:aws:iam::" + r.accountId() + ":user/" + name;
        r.authorize(arn, arn);
        if (user == null) {
            throw AwsError.noSuchEntity("The user with name " + name + " cannot be found.");
        }
        return QueryProtocol.result("GetUser")
                .add(Xml.el("User")
                        .add("Path", user.path)
                        .add("UserName", user.name)
                        .add("UserId", user.userId)
                        .add("Arn", user.arn)
                        .add("CreateDate", IamXml.date(user.createDate)));
    }
}
