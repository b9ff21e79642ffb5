package dev.eksirsa.engine.aws;

import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The account and partition a connection acts in (GetCallerIdentity needs no permission). */
public record CallerAccount(String accountId, String partition) {

    public static CallerAccount of(AwsClients aws, String what) {
        GetCallerIdentityResponse identity = AwsErrors.call(
                "identifying the caller of " + what, () -> aws.sts().getCallerIdentity());
        return new CallerAccount(identity.account(), Partitions.ofArn("callerArn", identity.arn()));
    }
}
