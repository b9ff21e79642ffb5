package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import java.net.URI;
import java.util.Objects;

/**
 * How to reach AWS: base credentials, an optional role to assume first, region, an endpoint override for
 * every service (sandboxes, VPC endpoints), a proxy and one retry style. {@link #open()} hands out clients.
 *
 * @param region null to resolve it like the SDK does ({@code AWS_REGION}, profile)
 * @param endpoint null for AWS's own endpoints
 * @param proxy null for a direct connection
 */
public record AwsConnection(
        CredentialsSource credentials,
        AssumeRole assumeRole,
        String region,
        URI endpoint,
        ProxySettings proxy,
        RetryStyle retryStyle) {

    public AwsConnection {
        Objects.requireNonNull(credentials, "credentials");
        if (region != null) {
            InputRules.region("region", region);
        }
        if (endpoint != null
                && (endpoint.getHost() == null
                        || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme())))) {
            throw new InvalidInputException("endpointUrl", "must be an http or https URL with a host");
        }
        retryStyle = retryStyle == null ? RetryStyle.STANDARD : retryStyle;
    }

    public static AwsConnection of(CredentialsSource credentials, String region) {
        return new AwsConnection(credentials, null, region, null, null, null);
    }

    public AwsConnection withCredentials(CredentialsSource value) {
        return new AwsConnection(value, assumeRole, region, endpoint, proxy, retryStyle);
    }

    public AwsConnection withAssumeRole(AssumeRole value) {
        return new AwsConnection(credentials, value, region, endpoint, proxy, retryStyle);
    }

    public AwsConnection withRegion(String value) {
        return new AwsConnection(credentials, assumeRole, value, endpoint, proxy, retryStyle);
    }

    public AwsConnection withEndpoint(URI value) {
        return new AwsConnection(credentials, assumeRole, region, value, proxy, retryStyle);
    }

    public AwsConnection withProxy(ProxySettings value) {
        return new AwsConnection(credentials, assumeRole, region, endpoint, value, retryStyle);
    }

    public AwsConnection withRetryStyle(RetryStyle value) {
        return new AwsConnection(credentials, assumeRole, region, endpoint, proxy, value);
    }

    /** Resolves region and credentials; the caller closes the result, which closes every client. */
    public AwsClients open() {
        return new AwsClients(this);
    }
}
