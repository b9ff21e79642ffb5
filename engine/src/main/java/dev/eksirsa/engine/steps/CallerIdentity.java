package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;

/** Who a connection acts as: sts:GetCallerIdentity, which needs no permission (the "Test connection" button). */
public final class CallerIdentity {
    private CallerIdentity() {}

    public static String arn(ConnectionRef connection, StepContext context) {
        try (AwsClients clients =
                context.connections().resolve(connection, null).open()) {
            return AwsErrors.call("testing the connection", () -> clients.sts().getCallerIdentity())
                    .arn();
        }
    }
}
