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
 * Runs {@code eks-irsa} in its own JVM against a sandbox, as a user would: the primary account's keys in the
 * environment, no proxy, no other AWS_ variable unless {@code env} adds it.
 */
record CliJvm(Sandbox sandbox, Path dir, Path caBundle) {

    record Run(int exit, String out, String err) {}

    static CliJvm of(Sandbox sandbox, Path dir) throws IOException {
        return new CliJvm(
                sandbox,
                dir,
                Files.writeString(
                        dir.resolve("ca.pem"), sandbox.certificateAuthority().rootPem()));
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
        command.addAll(List.of("--endpoint-url", sandbox.awsEndpoint().toString(), "--region", sandbox.region()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_PROXY") || k.endsWith("_proxy"));
        env.put("AWS_ACCESS_KEY_ID", sandbox.primary().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", sandbox.primary().secretAccessKey());
        env.put("SECOND_KEY_ID", sandbox.secondary().accessKeyId());
        env.put("SECOND_SECRET", sandbox.secondary().secretAccessKey());
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
