package dev.eksirsa.sandbox.iam;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One account's IAM entities. Readers and writers synchronise on {@link #lock()}. */
public final class IamAccount {
    private final String accountId;
    private final Object lock = new Object();
    /** Keyed by lower-case name: IAM role names are unique ignoring case. */
    final Map<String, Role> roles = new LinkedHashMap<>();

    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    final Map<String, OidcProvider> providers = new LinkedHashMap<>();
    volatile int assumeRolePolicySizeQuota = 2048;
    volatile int rolesQuota = 1000;
    volatile int attachedPoliciesPerRoleQuota = 10;

    public IamAccount(String accountId) {
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }

    public Object lock() {
        return lock;
    }

    public Optional<Role> role(String name) {
        synchronized (lock) {
            return Optional.ofNullable(roles.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    public Optional<Role> roleByArn(String arn) {
        synchronized (lock) {
            return roles.values().stream().filter(r -> r.arn.equals(arn)).findFirst();
        }
    }

    public Optional<User> user(String name) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(name));
        }
    }

    public Optional<OidcProvider> provider(String arn) {
        synchronized (lock) {
            return Optional.ofNullable(providers.get(arn));
        }
    }

    /** The provider registered for an issuer given as {@code host/path} (no scheme). */
    public Optional<OidcProvider> providerForIssuer(String hostAndPath) {
        synchronized (lock) {
            return providers.values().stream()
                    .filter(p -> p.url.equals(hostAndPath))
                    .findFirst();
        }
    }

    public Optional<ManagedPolicy> customerPolicy(String arn) {
        synchronized (lock) {
            return Optional.ofNullable(policies.get(arn));
        }
    }

    public int assumeRolePolicySizeQuota() {
        return assumeRolePolicySizeQuota;
    }

    public void assumeRolePolicySizeQuota(int quota) {
        this.assumeRolePolicySizeQuota = quota;
    }

    public int rolesQuota() {
        return rolesQuota;
    }

    public int attachedPoliciesPerRoleQuota() {
        return attachedPoliciesPerRoleQuota;
    }

    public void addUser(User user) {
        synchronized (lock) {
            users.put(user.name, user);
        }
    }
}
