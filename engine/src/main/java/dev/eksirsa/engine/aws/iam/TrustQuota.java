package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.aws.AwsErrors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** The account's {@code AssumeRolePolicySizeQuota} (2048 unless raised), read once and only when needed. */
public final class TrustQuota {
    public static final int DEFAULT = 2048;

    private final IamClient iam;
    private Integer quota;
    private boolean readable = true;

    public TrustQuota(IamClient iam) {
        this.iam = iam;
    }

    /**
     * The quota, read only for a trust policy over {@link #DEFAULT} (no account's is smaller). Reading it needs
     * {@code iam:GetAccountSummary}, which the published policies leave out: without it the quota is taken to be
     * the default, and the refusal says how to let a raised quota count.
     */
    public synchronized int get() {
        if (quota == null) {
            try {
                Integer value = AwsErrors.call("reading the IAM account summary", () -> iam.getAccountSummary())
                        .summaryMap()
                        .get(SummaryKeyType.ASSUME_ROLE_POLICY_SIZE_QUOTA);
                quota = value == null ? DEFAULT : value;
                readable = true;
            } catch (AccessDeniedException e) {
                quota = DEFAULT;
                readable = false;
            }
        }
        return quota;
    }

    /** How to raise the limit a refusal names: the quota itself, or the permission to see that it was raised. */
    public synchronized String howToRaise() {
        return readable
                ? "ask AWS to raise the quota"
                : "the account's quota could not be read (grant iam:GetAccountSummary if it was raised), or ask AWS to"
                        + " raise it";
    }
}
