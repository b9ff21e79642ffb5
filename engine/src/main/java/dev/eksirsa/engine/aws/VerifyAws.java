package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.aws.iam.ActualRole;
import dev.eksirsa.engine.aws.iam.OidcProviderReconciler;
import dev.eksirsa.engine.aws.iam.RoleReader;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * What verifying an IRSA chain reads from AWS (the cluster, its OIDC provider, roles and their policies) and the
 * live chain it walks: web identity, then each hop, then permission probes as the last identity. Read-only: no
 * call here mutates anything. Answers are plain values; credentials never leave this class.
 */
public final class VerifyAws {
    /** Side-effect-free calls a probe may make, by IAM action. */
    public static final List<String> PROBES =
            List.of("ec2:DescribeRegions", "eks:ListClusters", "sts:GetCallerIdentity");

    private final AwsClients aws;

    public VerifyAws(AwsClients aws) {
        this.aws = aws;
    }

    public record ClusterFacts(String issuer, boolean publicEndpoint, boolean privateEndpoint, String version) {}

    public record ProviderFacts(String arn, List<String> clientIds, List<String> thumbprints) {}

    /** One identity of the live chain, or the reason it could not be reached. */
    public record Hop(
            String roleArn, String callerArn, String account, String errorCode, String errorMessage, int retries) {
        public boolean ok() {
            return callerArn != null;
        }
    }

    public record Probe(String action, boolean allowed, String errorCode, String errorMessage) {}

    public String accountId() {
        return CallerAccount.of(aws, "verification").accountId();
    }

    public String partition() {
        return aws.partition();
    }

    public Optional<ClusterFacts> cluster(String name) {
        try {
            Cluster c = aws.describedCluster(name);
            String issuer = c.identity() == null || c.identity().oidc() == null
                    ? null
                    : c.identity().oidc().issuer();
            boolean pub = c.resourcesVpcConfig() == null
                    || !Boolean.FALSE.equals(c.resourcesVpcConfig().endpointPublicAccess());
            boolean priv = c.resourcesVpcConfig() != null
                    && Boolean.TRUE.equals(c.resourcesVpcConfig().endpointPrivateAccess());
            return Optional.of(new ClusterFacts(issuer, pub, priv, c.version()));
        } catch (software.amazon.awssdk.services.eks.model.ResourceNotFoundException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading EKS cluster " + name, e);
        }
    }

    public String providerArnFor(String issuer, String accountId) {
        return OidcProviderReconciler.providerArn(aws.partition(), accountId, URI.create(issuer));
    }

    public Optional<ProviderFacts> provider(String arn) {
        try {
            var p = aws.iam().getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            return Optional.of(new ProviderFacts(arn, p.clientIDList(), p.thumbprintList()));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading IAM OIDC provider " + arn, e);
        }
    }

    public Optional<ActualRole> role(String name) {
        return RoleReader.of(aws).read(name);
    }

    /** The documents of managed policies, by ARN; those that cannot be read are left out (and named by the caller). */
    public Map<String, PolicyDocument> managedPolicies(List<String> arns) {
        Map<String, PolicyDocument> out = new LinkedHashMap<>();
        for (String arn : arns) {
            try {
                String version =
                        aws.iam().getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId();
                String document = aws.iam()
                        .getPolicyVersion(b -> b.policyArn(arn).versionId(version))
                        .policyVersion()
                        .document();
                out.put(arn, PolicyDocument.parse(URLDecoder.decode(document, StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                // unreadable (AWS managed policies are not always readable): the caller reports what it could not check
            }
        }
        return out;
    }

    /**
     * The live chain: AssumeRoleWithWebIdentity with the token, then AssumeRole per hop, GetCallerIdentity at each
     * step, then the probes as the last identity reached. Retries web identity and hops a bounded number of times
     * on AccessDenied/InvalidIdentityToken, which IAM's eventual consistency produces for minutes after a change.
     */
    public record Chain(List<Hop> hops, List<Probe> probes) {}

    public Chain live(
            String roleArn,
            String token,
            List<String> hopArns,
            String hopExternalId,
            List<String> probes,
            Duration consistencyWait) {
        List<Hop> hops = new ArrayList<>();
        AwsCredentialsProvider current;
        try (StsClient unsigned = sts(AnonymousCredentialsProvider.create())) {
            Attempt<Credentials> web =
                    retrying(consistencyWait, () -> unsigned.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn)
                                    .roleSessionName("eks-irsa-verify")
                                    .webIdentityToken(token))
                            .credentials());
            if (web.error != null) {
                hops.add(failed(roleArn, web.error, web.retries));
                return new Chain(hops, List.of());
            }
            current = provider(web.value);
            hops.add(identity(roleArn, current, web.retries));
        }
        for (String hop : hopArns) {
            AwsCredentialsProvider from = current;
            try (StsClient sts = sts(from)) {
                Attempt<Credentials> next = retrying(consistencyWait, () -> sts.assumeRole(b -> b.roleArn(hop)
                                .roleSessionName("eks-irsa-verify")
                                .externalId(hopExternalId))
                        .credentials());
                if (next.error != null) {
                    hops.add(failed(hop, next.error, next.retries));
                    return new Chain(hops, List.of());
                }
                current = provider(next.value);
                hops.add(identity(hop, current, next.retries));
            }
        }
        List<Probe> results = new ArrayList<>();
        for (String probe : probes) {
            results.add(probe(probe, current));
        }
        return new Chain(hops, results);
    }

    private Probe probe(String action, AwsCredentialsProvider credentials) {
        try {
            switch (action) {
                case "ec2:DescribeRegions" -> {
                    try (Ec2Client ec2 = client(Ec2Client.builder(), credentials)) {
                        ec2.describeRegions();
                    }
                }
                case "eks:ListClusters" -> {
                    try (EksClient eks = client(EksClient.builder(), credentials)) {
                        eks.listClusters();
                    }
                }
                case "sts:GetCallerIdentity" -> {
                    try (StsClient sts = sts(credentials)) {
                        sts.getCallerIdentity();
                    }
                }
                default -> throw new IllegalArgumentException("no probe for " + action);
            }
            return new Probe(action, true, null, null);
        } catch (AwsServiceException e) {
            return new Probe(action, false, code(e), message(e));
        }
    }

    private Hop identity(String roleArn, AwsCredentialsProvider credentials, int retries) {
        try (StsClient sts = sts(credentials)) {
            var me = sts.getCallerIdentity();
            return new Hop(roleArn, me.arn(), me.account(), null, null, retries);
        }
    }

    private static Hop failed(String roleArn, AwsServiceException e, int retries) {
        return new Hop(roleArn, null, null, code(e), message(e), retries);
    }

    private record Attempt<T>(T value, AwsServiceException error, int retries) {}

    private static <T> Attempt<T> retrying(Duration wait, java.util.function.Supplier<T> call) {
        long until = System.nanoTime() + wait.toNanos();
        int retries = 0;
        long pause = 500;
        while (true) {
            try {
                return new Attempt<>(call.get(), null, retries);
            } catch (AwsServiceException e) {
                String code = code(e);
                boolean consistency = "AccessDenied".equals(code) || "InvalidIdentityToken".equals(code);
                if (!consistency || System.nanoTime() + pause * 1_000_000 > until) {
                    return new Attempt<>(null, e, retries);
                }
                retries++;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new Attempt<>(null, e, retries);
                }
                pause = Math.min(pause * 2, 4000);
            }
        }
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? String.valueOf(e.statusCode())
                : e.awsErrorDetails().errorCode();
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? e.getClass().getSimpleName()
                : e.awsErrorDetails().errorMessage();
    }

    private static AwsCredentialsProvider provider(Credentials c) {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private StsClient sts(AwsCredentialsProvider credentials) {
        return client(StsClient.builder(), credentials);
    }

    private <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>,
                    C>
            C client(B builder, AwsCredentialsProvider credentials) {
        builder.region(Region.of(aws.region())).credentialsProvider(credentials);
        if (aws.connection().endpoint() != null) {
            builder.endpointOverride(aws.connection().endpoint());
        }
        builder.httpClient(aws.httpClient());
        return builder.build();
    }
}
