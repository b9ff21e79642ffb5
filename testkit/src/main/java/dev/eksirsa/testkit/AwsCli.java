package dev.eksirsa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real AWS CLI v2 ({@code /usr/bin/aws}) against an endpoint with exactly the given keys and region: no
 * user config, credentials file, profile, pager or instance metadata leaks in. Adds {@code --endpoint-url} and
 * {@code --output json} unless the arguments already say otherwise. Immutable; the {@code with*} methods copy.
 */
public final class AwsCli {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static Path isolatedHome;

    private final URI endpoint;
    private final AwsKeys keys;
    private final String region;
    private final Path configFile;
    private final Map<String, String> extraEnv;
    private final Duration timeout;

    private AwsCli(
            URI endpoint,
            AwsKeys keys,
            String region,
            Path configFile,
            Map<String, String> extraEnv,
            Duration timeout) {
        this.endpoint = endpoint;
        this.keys = keys;
        this.region = region;
        this.configFile = configFile;
        this.extraEnv = Map.copyOf(extraEnv);
        this.timeout = timeout;
    }

    /** A CLI talking to {@code endpoint} (null: AWS's own endpoints) with these keys (null: none) in this region. */
    public static AwsCli against(URI endpoint, AwsKeys keys, String region) {
        return new AwsCli(endpoint, keys, region, null, Map.of(), DEFAULT_TIMEOUT);
    }

    public AwsCli withKeys(AwsKeys newKeys) {
        return new AwsCli(endpoint, newKeys, region, configFile, extraEnv, timeout);
    }

    public AwsCli withRegion(String newRegion) {
        return new AwsCli(endpoint, keys, newRegion, configFile, extraEnv, timeout);
    }

    public AwsCli withTimeout(Duration newTimeout) {
        return new AwsCli(endpoint, keys, region, configFile, extraEnv, newTimeout);
    }

    /** Uses this file as {@code AWS_CONFIG_FILE} (profiles for role chains), instead of an empty one. */
    public AwsCli withConfigFile(Path file) {
        return new AwsCli(endpoint, keys, region, file, extraEnv, timeout);
    }

    /** Adds an environment variable, e.g. {@code AWS_CA_BUNDLE} or {@code AWS_PROFILE}. */
    public AwsCli withEnv(String name, String value) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put(name, value);
        return new AwsCli(endpoint, keys, region, configFile, env, timeout);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Runs {@code aws <args>}; fails or skips the test when AWS CLI v2 is not installed. */
    public CliResult run(String... args) {
        return run(List.of(args));
    }

    public CliResult run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(RealClients.awsCliV2().toString());
        command.addAll(args);
        if (endpoint != null && !args.contains("--endpoint-url")) {
            command.add("--endpoint-url");
            command.add(endpoint.toString());
        }
        if (!args.contains("--output")) {
            command.add("--output");
            command.add("json");
        }
        return ProcessRunner.run(command, environment(), null, timeout);
    }

    /**
     * The environment the CLI runs with, for other processes that call {@code aws} (kubectl's exec credential
     * plugin). It holds the secret key: pass it on, never print it.
     */
    public Map<String, String> environment() {
        Path home = isolatedHome();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_CONFIG_FILE", (configFile != null ? configFile : home.resolve("config")).toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CLI_AUTO_PROMPT", "off");
        if (region != null) {
            env.put("AWS_DEFAULT_REGION", region);
            env.put("AWS_REGION", region);
        }
        if (keys != null) {
            env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
            if (keys.sessionToken() != null) {
                env.put("AWS_SESSION_TOKEN", keys.sessionToken());
            }
        }
        env.putAll(extraEnv);
        return env;
    }

    /** One empty HOME per JVM with empty config and credentials files, so nothing of the user's is read. */
    private static synchronized Path isolatedHome() {
        if (isolatedHome == null) {
            try {
                Path home = Files.createTempDirectory("eks-irsa-awscli-");
                Files.createFile(home.resolve("config"));
                Files.createFile(home.resolve("credentials"));
                isolatedHome = home;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create an isolated HOME for the AWS CLI", e);
            }
        }
        return isolatedHome;
    }

    @Override
    public String toString() {
        return "AwsCli[endpoint=" + endpoint + ", region=" + region + ", keys=" + keys + "]";
    }
}
