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
 * Runs {@code eks-irsa} in its own JVM against a sandbox, as a user would: {@code credentials} in the environment
 * (by default the primary account's keys, and the secondary's as SECOND_KEY_ID/SECOND_SECRET), no proxy, no other
 * AWS_ variable unless a run adds it; {@code --endpoint-url} always, and {@code --region} when {@code regionFlag}.
 */
record CliJvm(Sandbox sandbox, Path dir, Path caBundle, boolean regionFlag, Map<String, String> credentials) {

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
                        "SECOND_SECRET", sandbox.secondary().secretAccessKey()));
    }

    /** Without {@code --region}: the region comes from the environment or the profile, as the test sets it. */
    CliJvm withoutRegionFlag() {
        return new CliJvm(sandbox, dir, caBundle, false, credentials);
    }

    /** With these variables instead of the default keys. */
    CliJvm withCredentials(Map<String, String> value) {
        return new CliJvm(sandbox, dir, caBundle, regionFlag, value);
    }

    Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    Run run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", sandbox.awsEndpoint().toString()));
        if (regionFlag) {
            command.addAll(List.of("--region", sandbox.region()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_PROXY") || k.endsWith("_proxy"));
        env.putAll(credentials);
        env.put("AWS_CA_BUNDLE", caBundle.toString());
        env.putAll(extraEnv);
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
