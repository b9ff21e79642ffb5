package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves connection references from an environment the caller passes in (the CLI's process, a Jenkins build's
 * environment), never from the process on its own. The passed environment wins: its {@code AWS_REGION},
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} and {@code AWS_PROFILE} are used before anything else.
 * Only when {@code processDefaults} is on may the SDK's default chains read the process's own state (the
 * instance role, web identity, shared files) for what the environment does not say.
 */
public final class EnvironmentConnectionResolver implements ConnectionResolver {
    private final Map<String, String> env;
    private final boolean processDefaults;
    private final Map<String, StoredCredentials> stored;

    public EnvironmentConnectionResolver(Map<String, String> env, boolean processDefaults) {
        this(env, processDefaults, Map.of());
    }

    /**
     * @param stored credentials by id, looked up by the caller before the run (in Jenkins: on the controller,
     *     then sent to the agent in memory); a {@code credentialsId} not among them is bad input
     */
    public EnvironmentConnectionResolver(
            Map<String, String> env, boolean processDefaults, Map<String, StoredCredentials> stored) {
        this.env = Map.copyOf(env);
        this.processDefaults = processDefaults;
        this.stored = Map.copyOf(stored);
    }

    @Override
    public AwsConnection resolve(ConnectionRef ref, AwsConnection base) {
        if (ref.credentialsId() != null && !stored.containsKey(ref.credentialsId())) {
            throw new InvalidInputException(
                    "credentialsId",
                    stored.isEmpty()
                            ? "names Jenkins credentials; only the Jenkins plugin can resolve it"
                            : "there are no AWS credentials with id " + ref.credentialsId() + " for this run");
        }
        AwsConnection start = base != null
                ? base.withAssumeRole(null)
                : new AwsConnection(
                        CredentialsSource.defaultChain(),
                        null,
                        region(ref),
                        endpoint(ref),
                        ProxySettings.fromEnvironment(env),
                        null);
        if (base != null && ref.region() != null) {
            start = start.withRegion(ref.region());
        }
        boolean explicit = ref.profile() != null || ref.credentialsEnv() != null || ref.credentialsId() != null;
        if (base == null || explicit) {
            start = start.withCredentials(credentials(ref));
        }
        StoredCredentials fromStore = ref.credentialsId() == null ? null : stored.get(ref.credentialsId());
        if (ref.roleArn() == null && fromStore != null && fromStore.roleArn() != null) {
            // the store's own role to assume (aws-credentials' "IAM Role To Use"), unless the step names one
            start = start.withAssumeRole(new AssumeRole(
                    fromStore.roleArn(), fromStore.externalId(), AssumeRole.defaultSessionName(env), null));
        }
        if (ref.roleArn() != null) {
            start = start.withAssumeRole(new AssumeRole(
                    ref.roleArn(),
                    ref.externalId(),
                    ref.sessionName() == null ? AssumeRole.defaultSessionName(env) : ref.sessionName(),
                    ref.duration()));
        }
        return start;
    }

    /** A missing profile is bad input named here, not an SDK error after the first call. */
    private void requireProfile(String name) {
        List<Path> files = new ArrayList<>();
        software.amazon.awssdk.profiles.ProfileFile.Aggregator profiles =
                software.amazon.awssdk.profiles.ProfileFile.aggregator();
        add(
                profiles,
                files,
                "AWS_CONFIG_FILE",
                ".aws/config",
                software.amazon.awssdk.profiles.ProfileFile.Type.CONFIGURATION);
        add(
                profiles,
                files,
                "AWS_SHARED_CREDENTIALS_FILE",
                ".aws/credentials",
                software.amazon.awssdk.profiles.ProfileFile.Type.CREDENTIALS);
        boolean found;
        try {
            found = profiles.build().profile(name).isPresent();
        } catch (RuntimeException e) {
            // the SDK's parse errors may quote a line of the file, which can hold keys
            throw new InvalidInputException(
                    "profile", "the AWS config or credentials file " + files + " cannot be read");
        }
        if (!found) {
            throw new InvalidInputException(
                    "profile",
                    "there is no profile " + name + " in "
                            + (files.isEmpty() ? "any AWS config or credentials file" : files.toString()));
        }
    }

    private void add(
            software.amazon.awssdk.profiles.ProfileFile.Aggregator profiles,
            List<Path> files,
            String variable,
            String underHome,
            software.amazon.awssdk.profiles.ProfileFile.Type type) {
        String explicit = env.get(variable);
        String home = env.get("HOME");
        Path file = explicit != null && !explicit.isBlank()
                ? Path.of(explicit)
                : home == null ? null : Path.of(home).resolve(underHome);
        if (file != null && Files.isReadable(file)) {
            files.add(file);
            profiles.addFile(software.amazon.awssdk.profiles.ProfileFile.builder()
                    .content(file)
                    .type(type)
                    .build());
        }
    }

    /** The step's endpointUrl, else AWS_ENDPOINT_URL of the environment (as the AWS CLI and SDKs read it). */
    private java.net.URI endpoint(ConnectionRef ref) {
        if (ref.endpointUrl() != null) {
            return ref.endpointUrl();
        }
        String fromEnv = env.get("AWS_ENDPOINT_URL");
        if (fromEnv == null || fromEnv.isBlank()) {
            return null;
        }
        try {
            return java.net.URI.create(fromEnv.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("AWS_ENDPOINT_URL", "must be a URL such as http://127.0.0.1:4566");
        }
    }

    private String region(ConnectionRef ref) {
        if (ref.region() != null) {
            return ref.region();
        }
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        if (!processDefaults) {
            throw new InvalidInputException("region", "is required (or AWS_REGION in the build's environment)");
        }
        return null;
    }

    private CredentialsSource credentials(ConnectionRef ref) {
        if (ref.credentialsId() != null) {
            return stored.get(ref.credentialsId()).source();
        }
        if (ref.profile() != null) {
            requireProfile(ref.profile());
            return CredentialsSource.profile(ref.profile());
        }
        if (ref.credentialsEnv() != null) {
            ConnectionRef.CredentialsEnv names = ref.credentialsEnv();
            String key = env.get(names.accessKeyId());
            String secret = env.get(names.secretAccessKey());
            if (key == null || secret == null) {
                throw new InvalidInputException(
                        "credentialsEnv",
                        "environment variables " + names.accessKeyId() + " and " + names.secretAccessKey()
                                + " must be set");
            }
            return CredentialsSource.staticKeys(
                    key, secret, names.sessionToken() == null ? null : env.get(names.sessionToken()));
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            return CredentialsSource.staticKeys(key, secret, env.get("AWS_SESSION_TOKEN"));
        }
        String profile = env.get("AWS_PROFILE");
        if (profile != null && !profile.isBlank()) {
            return CredentialsSource.profile(profile);
        }
        if (!processDefaults) {
            throw new InvalidInputException(
                    "credentialsId", "no credentials: give credentialsId, profile, or keys in the build's environment");
        }
        String tokenFile = env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
        String roleArn = env.get("AWS_ROLE_ARN");
        if (tokenFile != null && !tokenFile.isBlank() && roleArn != null && !roleArn.isBlank()) {
            // IRSA (a pod on EKS, e.g. a Jenkins agent): on the engine's own STS client
            String session = env.get("AWS_ROLE_SESSION_NAME");
            return CredentialsSource.webIdentity(
                    roleArn.trim(),
                    Path.of(tokenFile.trim()),
                    session == null || session.isBlank() ? AssumeRole.defaultSessionName(env) : session.trim());
        }
        return CredentialsSource.defaultChain();
    }
}
