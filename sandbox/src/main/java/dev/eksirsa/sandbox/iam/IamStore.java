package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.policy.MalformedPolicyException;
import dev.eksirsa.sandbox.policy.PolicyDocument;
import dev.eksirsa.sandbox.policy.PolicyKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM across the sandbox's accounts, plus the AWS-managed policies every account sees. */
public final class IamStore {
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("^arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):(.+)$");

    private final Map<String, IamAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, ManagedPolicy> awsManaged;

    public IamStore() {
        this.awsManaged = AwsManagedPolicies.load();
    }

    public IamAccount addAccount(String accountId) {
        return accounts.computeIfAbsent(accountId, IamAccount::new);
    }

    public Optional<IamAccount> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    public IamAccount requireAccount(String accountId) {
        return account(accountId).orElseThrow(() -> new IllegalArgumentException("no sandbox account " + accountId));
    }

    public Collection<IamAccount> accounts() {
        return accounts.values();
    }

    public Optional<ManagedPolicy> awsManagedPolicy(String arn) {
        return Optional.ofNullable(awsManaged.get(arn));
    }

    public Collection<ManagedPolicy> awsManagedPolicies() {
        return awsManaged.values();
    }

    /** A managed policy by ARN: AWS-managed, or customer-managed in the account the ARN names. */
    public Optional<ManagedPolicy> managedPolicy(String arn) {
        Optional<ManagedPolicy> aws = awsManagedPolicy(arn);
        if (aws.isPresent()) {
            return aws;
        }
        return accountOf(arn).flatMap(this::account).flatMap(a -> a.customerPolicy(arn));
    }

    public Optional<Role> role(String roleArn) {
        return accountOf(roleArn).flatMap(this::account).flatMap(a -> a.roleByArn(roleArn));
    }

    /** Whether an IAM principal ARN (role, user or account root) names something that exists. */
    public boolean principalExists(String arn) {
        Matcher m = ACCOUNT_IN_ARN.matcher(arn);
        if (!m.matches()) {
            return false;
        }
        Optional<IamAccount> account = account(m.group(1));
        if (account.isEmpty()) {
            // Accounts outside the sandbox are treated as existing, as AWS would for a real foreign account.
            return true;
        }
        String resource = m.group(2);
        if (resource.equals("root")) {
            return true;
        }
        if (resource.startsWith("role/")) {
            return account.get().roleByArn(arn).isPresent();
        }
        if (resource.startsWith("user/")) {
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return account.get().user(name).filter(u -> u.arn.equals(arn)).isPresent();
        }
        if (resource.startsWith("oidc-provider/")) {
            return account.get().provider(arn).isPresent();
        }
        return false;
    }

    public static Optional<String> accountOf(String arn) {
        Matcher m = ACCOUNT_IN_ARN.matcher(arn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The identity-based policies in force for a caller: its user's or role's inline and attached policies. */
    public List<PolicyDocument> identityPolicies(Caller caller) {
        IamAccount account = requireAccount(caller.accountId());
        List<String> documents = new ArrayList<>();
        synchronized (account.lock()) {
            if (caller.isRoleSession()) {
                account.roleByArn(caller.roleArn()).ifPresent(role -> {
                    documents.addAll(role.inlinePolicies.values());
                    role.attachedPolicyArns.forEach(
                            arn -> managedPolicy(arn).ifPresent(p -> documents.add(p.defaultDocument())));
                });
            } else {
                account.users.values().stream()
                        .filter(u -> u.arn.equals(caller.arn()))
                        .findFirst()
                        .ifPresent(user -> {
                            documents.addAll(user.inlinePolicies.values());
                            user.attachedPolicyArns.forEach(
                                    arn -> managedPolicy(arn).ifPresent(p -> documents.add(p.defaultDocument())));
                        });
            }
        }
        return documents.stream().map(IamStore::parseStored).toList();
    }

    /** The permissions boundary of a role session's role, if it has one. */
    public Optional<PolicyDocument> permissionsBoundary(Caller caller) {
        if (!caller.isRoleSession()) {
            return Optional.empty();
        }
        return role(caller.roleArn())
                .map(r -> r.permissionsBoundaryArn)
                .flatMap(this::managedPolicy)
                .map(p -> parseStored(p.defaultDocument()));
    }

    static PolicyDocument parseStored(String json) {
        try {
            return PolicyDocument.parse(json, PolicyKind.IDENTITY);
        } catch (MalformedPolicyException e) {
            throw new IllegalStateException("stored policy no longer parses: " + e.getMessage(), e);
        }
    }
}
