package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;

/**
 * The IAM principal an access entry must name for the caller: the role behind an assumed-role session (access
 * entries take role ARNs, not session ARNs), or the user.
 */
final class CallerPrincipal {
    private final AwsClients aws;

    CallerPrincipal(AwsClients aws) {
        this.aws = aws;
    }

    /** @return the ARN, or null when STS cannot tell (then the advice names no ARN) */
    String arn() {
        try {
            return principalOf(AwsErrors.call(
                    "identifying the caller",
                    () -> aws.sts().getCallerIdentity().arn()));
        } catch (EksIrsaException e) {
            return null;
        }
    }

    static String principalOf(String callerArn) {
        // arn:<partition>:sts::<account>:assumed-role/<role>/<session> -> arn:<partition>:iam::<account>:role/<role>
        software.amazon.awssdk.arns.Arn arn;
        try {
            arn = software.amazon.awssdk.arns.Arn.fromString(callerArn);
        } catch (IllegalArgumentException notAnArn) {
            return callerArn;
        }
        if ("sts".equals(arn.service()) && arn.resourceAsString().startsWith("assumed-role/")) {
            String role = arn.resourceAsString().split("/")[1];
            return "arn:" + arn.partition() + ":iam::" + arn.accountId().orElse("") + ":role/" + role;
        }
        return callerArn;
    }
}
