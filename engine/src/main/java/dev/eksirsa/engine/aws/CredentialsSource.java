package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;

/** Where the connection's base credentials come from. */
public sealed interface CredentialsSource
        permits CredentialsSource.DefaultChain, CredentialsSource.WebIdentity, CredentialsSource.StaticKeys {

    /** The SDK default chain: environment, system properties, web identity (IRSA), profile, container, instance. */
    static CredentialsSource defaultChain() {
        return new DefaultChain(null);
    }

    static CredentialsSource profile(String profile) {
        return new DefaultChain(profile);
    }

    static CredentialsSource staticKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new StaticKeys(accessKeyId, secretAccessKey, sessionToken);
    }

    /**
     * IRSA's own identity: the role in {@code AWS_ROLE_ARN}, assumed with the token in
     * {@code AWS_WEB_IDENTITY_TOKEN_FILE} (re-read at every refresh, as the kubelet rotates it). Built by
     * {@link AwsClients} on its own STS client, never through the SDK's service-loaded one (which fails or finds
     * several HTTP clients under Jenkins' class loaders).
     */
    static CredentialsSource webIdentity(String roleArn, Path tokenFile, String sessionName) {
        return new WebIdentity(roleArn, tokenFile, sessionName);
    }

    /** A new SDK provider for these credentials. */
    AwsCredentialsProvider provider();

    /** Releases what {@link #provider()} opened (the default chain holds files and HTTP clients). */
    default void release(AwsCredentialsProvider provider) {}

    /** @param profile a named profile, or null for the whole default chain */
    record DefaultChain(String profile) implements CredentialsSource {
        public DefaultChain {
            if (profile != null && profile.isBlank()) {
                throw new InvalidInputException("profile", "must not be blank");
            }
        }

        @Override
        public AwsCredentialsProvider provider() {
            return profile == null
                    ? DefaultCredentialsProvider.builder().build()
                    // a named profile wins over AWS_ACCESS_KEY_ID in the environment, as with the AWS CLI's --profile
                    : software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder()
                            .profileName(profile)
                            .build();
        }

        @Override
        public void release(AwsCredentialsProvider provider) {
            ((software.amazon.awssdk.utils.SdkAutoCloseable) provider).close();
        }
    }

    record WebIdentity(String roleArn, Path tokenFile, String sessionName) implements CredentialsSource {
        public WebIdentity {
            InputRules.roleArn("AWS_ROLE_ARN", roleArn);
            java.util.Objects.requireNonNull(tokenFile, "tokenFile");
        }

        /** Needs an STS client: use {@link #provider(StsClient)}. */
        @Override
        public AwsCredentialsProvider provider() {
            throw new UnsupportedOperationException("a web identity provider is built on an explicit STS client");
        }

        /** @param sts an STS client that signs nothing (AssumeRoleWithWebIdentity is unsigned) */
        public AwsCredentialsProvider provider(StsClient sts) {
            return StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                            .roleArn(roleArn)
                            .roleSessionName(sessionName)
                            .webIdentityToken(token())
                            .build())
                    .build();
        }

        private String token() {
            try {
                return Files.readString(tokenFile).trim();
            } catch (IOException e) {
                // the path only: the file holds a bearer token
                throw new InvalidInputException("AWS_WEB_IDENTITY_TOKEN_FILE", "cannot be read: " + tokenFile);
            }
        }

        @Override
        public void release(AwsCredentialsProvider provider) {
            ((software.amazon.awssdk.utils.SdkAutoCloseable) provider).close();
        }
    }

    /** Long-term keys, or temporary ones with a session token. */
    record StaticKeys(String accessKeyId, String secretAccessKey, String sessionToken) implements CredentialsSource {
        public StaticKeys {
            // AWS issues 16-128 word characters; local emulators (moto: "testing") use shorter ones
            if (accessKeyId == null || !accessKeyId.matches("\\w{1,128}")) {
                throw new InvalidInputException("accessKeyId", "must be 1-128 letters, digits or underscores");
            }
            if (secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new InvalidInputException("secretAccessKey", "must not be blank");
            }
            if (sessionToken != null && sessionToken.isBlank()) {
                sessionToken = null;
            }
        }

        @Override
        public AwsCredentialsProvider provider() {
            return StaticCredentialsProvider.create(
                    sessionToken == null
                            ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                            : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=****, sessionToken="
                    + (sessionToken == null ? "none" : "****") + "]";
        }
    }
}
