package dev.eksirsa.sandbox;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Real AWS SDK v2 clients pointed at a sandbox (or any endpoint), for one set of credentials. */
public record SandboxClients(URI endpoint, String region, AwsCredentials credentials) {

    public static SandboxClients admin(Sandbox sandbox, SandboxAccount account) {
        return new SandboxClients(
                sandbox.awsEndpoint(),
                sandbox.region(),
                AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
    }

    public SandboxClients as(Credentials session) {
        return new SandboxClients(
                endpoint,
                region,
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
    }

    public IamClient iam() {
        return IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public StsClient sts() {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public EksClient eks() {
        return EksClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public Ec2Client ec2() {
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
