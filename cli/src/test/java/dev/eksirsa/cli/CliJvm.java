package dev.eksirsa.cli;

import dev.eksirsa.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code eks-irsa} against a sandbox, as a user would: {@code credentials} in the environment
 * (by default the primary account's keys, and the secondary's as SECOND_KEY_ID/SECOND_SECRET), no proxy, no other
 * AWS_ variable unless a run adds it; {@code --endpoint-url} always, and {@code --region} when {@code regionFlag}.
 * A run goes in-process (through {@link Main#run(CliIo, String...)} with that environment) unless it needs its own
 * JVM: when {@code ownProcess} is set, or when something the AWS SDK reads from the real process matters (shared
 * config files, profiles, web identity, proxies, or no keys in the environment so the default chain decides).
 */
record CliJvm(
        Sandbox sandbox,
        Path dir,
        Path caBundle,
        boolean regionFlag,
        Map<String, String> credentials,
        boolean ownProcess) {
    private static final java.util.Set<String> READ_BY_THE_SDK_FROM_THE_PROCESS = java.util.Set.of(
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "NO_PROXY",
            "no_proxy");

    record Run(int exit, String out, String err) {}

    CliJvm {
        credentials = Map.copyOf(credentials);
    }

    static CliJvm of(Sandbox sandbox, Path dir) throws IOException {
        return new CliJvm(
                sandbox,
                dir,
                Files.writeString(
                        Files.createTempFile(dir, "ca", ".pem"),
                        sandbox.certificateAuthority().rootPem()),
                true,
                Map.of(
                        "AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey(),
                        "SECOND_KEY_ID", sandbox.secondary().accessKeyId(),
                        "SECOND_SECRET", sandbox.secondary().secretAccessKey()),
                false);
    }

    /** Every run in a JVM of its own, as a user's shell starts it. */
    CliJvm inOwnProcess() {
        return new CliJvm(sandbox, dir, caBundle, regionFlag, credentials, true);
    }

    /** Without {@code --region}: the region comes from the environment or the profile, as the test sets it. */
    CliJvm withoutRegionFlag() {
        return new CliJvm(sandbox, dir, caBundle, false, credentials, ownProcess);
    }

    /** With these variables instead of the default keys. */
    CliJvm withCredentials(Map<String, String> value) {
        return new CliJvm(sandbox, dir, caBundle, regionFlag, value, ownProcess);
    }

    Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    Run run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--endpoint-url", sandbox.awsEndpoint().toString()));
        if (regionFlag) {
            arguments.addAll(List.of("--region", sandbox.region()));
        }
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_PROXY") || k.endsWith("_proxy"));
        env.putAll(credentials);
        env.put("AWS_CA_BUNDLE", caBundle.toString());
        env.putAll(extraEnv);
        boolean keysInEnvironment = env.containsKey("AWS_ACCESS_KEY_ID") && env.containsKey("AWS_SECRET_ACCESS_KEY");
        if (ownProcess
                || !keysInEnvironment
                || arguments.contains("--profile")
                || env.keySet().stream().anyMatch(READ_BY_THE_SDK_FROM_THE_PROCESS::contains)) {
            return execute(env, arguments, false);
        }
        return execute(env, arguments, true);
    }

    private Run execute(Map<String, String> env, List<String> arguments, boolean sameJvm)
            throws IOException, InterruptedException {
        if (sameJvm) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int exit;
            try (java.io.PrintStream o = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
                    java.io.PrintStream e = new java.io.PrintStream(err, true, StandardCharsets.UTF_8)) {
                exit = Main.run(new CliIo(env, o, e), arguments.toArray(String[]::new));
            }
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        List<String> args = arguments;
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("eks-irsa " + String.join(" ", args) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
