package dev.eksirsa.sandbox.sts;

import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.iam.IamAccount;
import dev.eksirsa.sandbox.iam.IamStore;
import dev.eksirsa.sandbox.iam.Role;
import dev.eksirsa.sandbox.policy.PolicyDocument;
import java.time.Instant;
import java.util.Optional;

/** The state of the role a call wants to assume, read once under its account's lock. */
record TargetRole(String arn, String roleId, String accountId, PolicyDocument trustPolicy, int maxSessionDuration) {

    /**
     * The role, or empty when it does not exist or is still too new to be seen by STS (IAM's eventual consistency,
     * {@link Faults#iamPropagationDelay()}). Callers answer both the same way: AWS does not reveal existence.
     */
    static Optional<TargetRole> find(IamStore iam, Faults faults, String roleArn, Instant now) {
        Optional<String> accountId = IamStore.accountOf(roleArn);
        Optional<IamAccount> account = accountId.flatMap(iam::account);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        synchronized (account.get().lock()) {
            Optional<Role> role = account.get().roleByArn(roleArn);
            if (role.isEmpty() || !visible(role.get().createDate, faults, now)) {
                return Optional.empty();
            }
            Role r = role.get();
            return Optional.of(new TargetRole(r.arn, r.roleId, accountId.get(), r.trustPolicy, r.maxSessionDuration));
        }
    }

    /** Whether an IAM entity created at {@code created} has propagated to STS by {@code now}. */
    static boolean visible(Instant created, Faults faults, Instant now) {
        return created == null || !now.isBefore(created.plus(faults.iamPropagationDelay()));
    }
}
