package dev.eksirsa.cli;

import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AssumeRole;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.aws.ProxySettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The connection flags of CLI.md, the same on every command that talks to AWS. */
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

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Overall time limit of the command, e.g. 20m; every wait takes at most what is left.")
    String timeout;

    /** The --spec keys of these flags (the Jenkins step's connection arguments). */
    static final Set<String> SPEC_KEYS =
            Set.of("region", "profile", "endpointUrl", "roleArn", "externalId", "sessionName", "duration", "timeout");

    /** Spec file values for the connection flags not given on the command line. */
    void mergeSpecFile(SpecFile f, ParseResult flags) {
        region = fromSpec(f, flags, "region", "--region", region);
        profile = fromSpec(f, flags, "profile", "--profile", profile);
        String endpoint = fromSpec(f, flags, "endpointUrl", "--endpoint-url", null);
        if (endpoint != null) {
            endpointUrl = URI.create(endpoint);
        }
        roleArn = fromSpec(f, flags, "roleArn", "--role-arn", roleArn);
        externalId = fromSpec(f, flags, "externalId", "--external-id", externalId);
        sessionName = fromSpec(f, flags, "sessionName", "--session-name", sessionName);
        duration = fromSpec(f, flags, "duration", "--duration", duration);
        timeout = fromSpec(f, flags, "timeout", "--timeout", timeout);
    }

    private static String fromSpec(SpecFile f, ParseResult flags, String key, String flag, String current) {
        return f.has(key) && !flags.hasMatchedOption(flag) ? f.string(key) : current;
    }

    AwsConnection connection(Map<String, String> env) {
        AwsConnection connection = new AwsConnection(
                profile == null ? CredentialsSource.defaultChain() : CredentialsSource.profile(profile),
                null,
                region,
                endpointUrl,
                ProxySettings.fromEnvironment(env),
                null);
        if (roleArn != null) {
            Duration d = duration == null ? null : Durations.parse("duration", duration);
            connection = connection.withAssumeRole(new AssumeRole(roleArn, externalId, sessionName, d));
        } else if (externalId != null || sessionName != null || duration != null) {
            throw new InvalidInputException("roleArn", "--external-id, --session-name and --duration need --role-arn");
        }
        return connection;
    }

    /**
     * The STS URL EKS tokens are presigned for: an https {@code --endpoint-url}, else the region's public STS
     * (API servers only accept https STS URLs; sandboxes verify the signature locally whatever the host).
     */
    URI stsEndpointForTokens() {
        return endpointUrl != null && "https".equals(endpointUrl.getScheme()) ? endpointUrl : null;
    }

    Duration timeoutOr(Duration fallback) {
        return timeout == null ? fallback : Durations.parse("timeout", timeout);
    }

    /** The run's overall budget from {@code --timeout}, starting now; {@code fallback} when not given. */
    Deadline deadline(Duration fallback) {
        return Deadline.after(timeoutOr(fallback));
    }

    /** The run's overall budget from {@code --timeout}; none when not given (each wait keeps its own limit). */
    Deadline deadline() {
        return timeout == null ? Deadline.NONE : deadline(null);
    }
}
