package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.CallerAccount;

/** Who a connection acts as: sts:GetCallerIdentity, which needs no permission (the "Test connection" button). */
public final class CallerIdentity {
    private CallerIdentity() {}

    public static String arn(ConnectionRef connection, StepContext context) {
        try (AwsClients clients =
                context.connections().resolve(connection, null).open()) {
            return CallerAccount.arnOf(clients, "the connection test");
        }
    }
}
