package dev.eksirsa.cli;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.Durations;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/** The connection flags of {@code eks-irsa token}, resolved the same way as every step's connection. */
final class ConnectionOptions {

    @Option(names = "--region", description = "AWS region (else AWS_REGION, AWS_DEFAULT_REGION or the profile's).")
    String region;

    @Option(names = "--profile", description = "Named profile of the shared config/credentials files.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Endpoint for every AWS service (sandboxes).")
    URI endpointUrl;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "A role to assume first.")
    String roleArn;

    @Option(names = "--external-id", description = "External id for --role-arn.")
    String externalId;

    @Option(
            names = "--session-name",
            description = "Session name for --role-arn (default: eks-irsa-$BUILD_TAG, or eks-irsa).")
    String sessionName;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Session duration for --role-arn, e.g. 1h.")
    String duration;

    AwsConnection connection(Map<String, String> env) {
        ConnectionRef ref = new ConnectionRef(
                profile,
                null,
                null,
                roleArn,
                externalId,
                sessionName,
                duration == null ? null : Durations.parse("duration", duration),
                region,
                endpointUrl);
        return new EnvironmentConnectionResolver(env, true).resolve(ref, null);
    }

    /**
     * The STS URL EKS tokens are presigned for: an https {@code --endpoint-url}, else the region's public STS
     * (API servers only accept https STS URLs; sandboxes verify the signature locally whatever the host).
     */
    URI stsEndpointForTokens() {
        return endpointUrl != null && "https".equals(endpointUrl.getScheme()) ? endpointUrl : null;
    }
}
