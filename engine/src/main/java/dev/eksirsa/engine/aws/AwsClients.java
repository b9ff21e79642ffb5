package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients for one {@link AwsConnection}, built on first use, sharing one HTTP client, one credentials
 * provider and one retry style; {@link #close()} closes them all.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsConnection connection;
    private final Region region;
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private boolean closed;
    private final java.util.Map<String, software.amazon.awssdk.services.eks.model.Cluster> described =
            new java.util.HashMap<>();
    private IamClient iam;
    private StsClient sts;
    private EksClient eks;
    private Ec2Client ec2;

    AwsClients(AwsConnection connection) {
        this.connection = connection;
        this.region = Region.of(resolveRegion(connection));
        this.httpClient = httpClient(connection.proxy());
        toClose.push(httpClient);
        this.credentials = buildCredentialsProvider();
    }

    /** What these clients were opened from (for connections derived from it, such as a target account's). */
    public AwsConnection connection() {
        return connection;
    }

    /**
     * The cluster as first described in this run, for what does not change while it exists (endpoint, CA,
     * issuer): one DescribeCluster serves the trust policy and the Kubernetes client alike.
     */
    public synchronized software.amazon.awssdk.services.eks.model.Cluster describedCluster(String name) {
        software.amazon.awssdk.services.eks.model.Cluster cluster = described.get(name);
        if (cluster == null) {
            cluster = eks().describeCluster(b -> b.name(name)).cluster();
            described.put(name, cluster);
        }
        return cluster;
    }

    public String region() {
        return region.id();
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}, from the region. */
    public String partition() {
        return Partitions.ofRegion(region.id());
    }

    /** The one HTTP client every client of this run shares (for clients built on other credentials). */
    software.amazon.awssdk.http.SdkHttpClient httpClient() {
        return httpClient;
    }

    /** The provider every client uses (after the assume-role step, when there is one). */
    public AwsCredentialsProvider credentialsProvider() {
        return credentials;
    }

    public synchronized IamClient iam() {
        requireOpen();
        if (iam == null) {
            iam = track(configure(IamClient.builder(), globalRegion()).build());
        }
        return iam;
    }

    public synchronized StsClient sts() {
        requireOpen();
        if (sts == null) {
            sts = track(configure(StsClient.builder(), region).build());
        }
        return sts;
    }

    public synchronized EksClient eks() {
        requireOpen();
        if (eks == null) {
            eks = track(configure(EksClient.builder(), region).build());
        }
        return eks;
    }

    public synchronized Ec2Client ec2() {
        requireOpen();
        if (ec2 == null) {
            ec2 = track(configure(Ec2Client.builder(), region).build());
        }
        return ec2;
    }

    /** Closes every client, provider and the HTTP client; afterwards the accessors refuse to hand out clients. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception ignored) {
                // closing is best effort; nothing useful to do with a failure here
            }
        }
    }

    private AwsCredentialsProvider buildCredentialsProvider() {
        AwsCredentialsProvider base = baseCredentials(connection.credentials());
        AssumeRole role = connection.assumeRole();
        if (role == null) {
            return base;
        }
        StsClient baseSts = track(configure(StsClient.builder(), region, base).build());
        return track(StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> r.roleArn(role.roleArn())
                        .roleSessionName(role.sessionName())
                        .externalId(role.externalId())
                        .durationSeconds((int) role.duration().toSeconds()))
                .build());
    }

    private AwsCredentialsProvider baseCredentials(CredentialsSource source) {
        AwsCredentialsProvider provider;
        if (source instanceof CredentialsSource.WebIdentity web) {
            StsClient unsigned = track(configure(
                            StsClient.builder(),
                            region,
                            software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                    .build());
            provider = web.provider(unsigned);
        } else {
            provider = source.provider();
        }
        toClose.push(() -> source.release(provider));
        return provider;
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
            B builder, Region clientRegion) {
        return configure(builder, clientRegion, credentials);
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
            B builder, Region clientRegion, AwsCredentialsProvider provider) {
        builder.region(clientRegion)
                .credentialsProvider(provider)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(connection.retryStyle().sdkMode())
                        .build());
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        builder.httpClient(httpClient);
        return builder;
    }

    // IAM is global: its signing region is the partition's global one.
    private Region globalRegion() {
        return switch (partition()) {
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> Region.AWS_GLOBAL;
        };
    }

    private static SdkHttpClient httpClient(ProxySettings proxy) {
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder();
        if (proxy != null) {
            builder.proxyConfiguration(ProxyConfiguration.builder()
                    .endpoint(proxy.address())
                    .username(proxy.username())
                    .password(proxy.password())
                    .nonProxyHosts(proxy.nonProxyHosts())
                    .useSystemPropertyValues(false)
                    .useEnvironmentVariablesValues(false)
                    .build());
        }
        return builder.build();
    }

    private static String resolveRegion(AwsConnection connection) {
        if (connection.region() != null) {
            return connection.region();
        }
        Supplier<String> fromChain = () -> {
            try {
                return DefaultAwsRegionProviderChain.builder()
                        .build()
                        .getRegion()
                        .id();
            } catch (SdkClientException e) {
                return null;
            }
        };
        String resolved = fromChain.get();
        if (resolved == null) {
            throw new InvalidInputException("region", "must be given (--region, AWS_REGION or a profile's region)");
        }
        return InputRules.region("region", resolved);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("AWS clients of " + region.id() + " used after close");
        }
    }

    private <T extends SdkAutoCloseable> T track(T client) {
        toClose.push(client::close);
        return client;
    }
}
