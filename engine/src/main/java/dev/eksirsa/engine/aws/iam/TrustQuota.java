package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.aws.AwsErrors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** The account's {@code AssumeRolePolicySizeQuota} (2048 unless raised), read once and only when needed. */
public final class TrustQuota {
    public static final int DEFAULT = 2048;

    private final IamClient iam;
    private Integer quota;

    public TrustQuota(IamClient iam) {
        this.iam = iam;
    }

    public synchronized int get() {
        if (quota == null) {
            Integer value = AwsErrors.call("reading the IAM account summary", () -> iam.getAccountSummary())
                    .summaryMap()
                    .get(SummaryKeyType.ASSUME_ROLE_POLICY_SIZE_QUOTA);
            quota = value == null ? DEFAULT : value;
        }
        return quota;
    }
}
