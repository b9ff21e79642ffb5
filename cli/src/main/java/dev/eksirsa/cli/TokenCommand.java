package dev.eksirsa.cli;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.eks.EksToken;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** An EKS bearer token as a client.authentication.k8s.io ExecCredential, for kubectl's exec plugin. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Print an ExecCredential with an EKS bearer token for CLUSTER (kubectl exec plugin).",
            "The token is a presigned STS GetCallerIdentity; an https --endpoint-url is used as the STS",
            "host, a plain-http one (sandboxes) is not, since API servers only accept https STS URLs."
        })
final class TokenCommand implements Callable<Integer> {
    static final String API_VERSION = "client.authentication.k8s.io/v1beta1";

    @Option(names = "--cluster", required = true, description = "EKS cluster name.")
    String cluster;

    @Mixin
    ConnectionOptions connection;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        CliOutput output = new CliOutput("text", out, err); // stdout is for the credential only
        try {
            AwsConnection aws = connection.connection(System.getenv());
            try (AwsClients clients = aws.open()) {
                EksToken token = new EksTokenGenerator(
                                clients.credentialsProvider(),
                                clients.region(),
                                connection.stsEndpointForTokens(),
                                Clock.systemUTC())
                        .generate(cluster);
                out.println("{\"kind\":\"ExecCredential\",\"apiVersion\":\"" + API_VERSION + "\",\"spec\":{},"
                        + "\"status\":{\"expirationTimestamp\":\""
                        + DateTimeFormatter.ISO_INSTANT.format(token.refreshAt().truncatedTo(ChronoUnit.SECONDS))
                        + "\",\"token\":\"" + token.value() + "\"}}");
                return ExitCodes.OK;
            }
        } catch (EksIrsaException | IllegalArgumentException e) {
            return output.error(e);
        } catch (RuntimeException e) {
            // SDK failures (no credentials found) carry no secret; say what failed and nothing else.
            err.println("error: cannot create a token for " + cluster + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }
}
