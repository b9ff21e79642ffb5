package dev.eksirsa.engine.aws;

import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The account and partition a connection acts in (GetCallerIdentity needs no permission). */
public record CallerAccount(String accountId, String partition) {

    /** Who the connection acts as, e.g. {@code arn:aws:sts::111122223333:assumed-role/deployer/eks-irsa}. */
    public static String arnOf(AwsClients aws, String what) {
        return AwsErrors.call(
                        "identifying the caller of " + what, () -> aws.sts().getCallerIdentity())
                .arn();
    }

    public static CallerAccount of(AwsClients aws, String what) {
        GetCallerIdentityResponse identity = AwsErrors.call(
                "identifying the caller of " + what, () -> aws.sts().getCallerIdentity());
        return new CallerAccount(identity.account(), Partitions.ofArn("callerArn", identity.arn()));
    }
}
