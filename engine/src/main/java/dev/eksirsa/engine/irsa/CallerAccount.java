package dev.eksirsa.engine.irsa;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The account and partition a connection acts in (GetCallerIdentity needs no permission). */
record CallerAccount(String accountId, String partition) {

    static CallerAccount of(AwsClients aws, String what) {
        GetCallerIdentityResponse identity = AwsErrors.call(
                "identifying the caller of " + what, () -> aws.sts().getCallerIdentity());
        return new CallerAccount(identity.account(), identity.arn().split(":", 3)[1]);
    }
}
