package dev.eksirsa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.eks.EksToken;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--cluster", required = true, description = "EKS cluster name.")
    String cluster;

    @Mixin
    ConnectionOptions connection;

    private final CliIo io;
    private final PrintStream out;
    private final PrintStream err;

    TokenCommand(CliIo io) {
        this.io = io;
        this.out = io.out();
        this.err = io.err();
    }

    @Override
    public Integer call() {
        CliOutput output = new CliOutput("text", out, err); // stdout is for the credential only
        try {
            AwsConnection aws = connection.connection(io.env());
            try (AwsClients clients = aws.open()) {
                EksToken token = new EksTokenGenerator(
                                clients.credentialsProvider(),
                                clients.region(),
                                connection.stsEndpointForTokens(),
                                Clock.systemUTC())
                        .generate(cluster);
                Map<String, Object> status = new LinkedHashMap<>();
                status.put(
                        "expirationTimestamp",
                        DateTimeFormatter.ISO_INSTANT.format(token.refreshAt().truncatedTo(ChronoUnit.SECONDS)));
                status.put("token", token.value());
                Map<String, Object> credential = new LinkedHashMap<>();
                credential.put("kind", "ExecCredential");
                credential.put("apiVersion", API_VERSION);
                credential.put("spec", Map.of());
                credential.put("status", status);
                out.println(JSON.writeValueAsString(credential));
                return ExitCodes.OK;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ExecCredential is not serialisable", e);
        } catch (EksIrsaException e) {
            return output.error(e);
        } catch (RuntimeException e) {
            // SDK failures (no credentials found) carry no secret; say what failed and nothing else.
            err.println("error: cannot create a token for " + cluster + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }
}
