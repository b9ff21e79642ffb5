package dev.eksirsa.cli;

import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxInfo;
import dev.eksirsa.testkit.AwsCli;
import dev.eksirsa.testkit.AwsKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code eks-irsa sandbox --info FILE} in its own JVM, as users run it, started from the test classpath (the jar
 * is packaged after the tests run).
 */
final class StandaloneSandbox implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final SandboxInfo info;
    private final Path infoFile;

    private StandaloneSandbox(Process process, Path output, Path infoFile, SandboxInfo info) {
        this.process = process;
        this.output = output;
        this.infoFile = infoFile;
        this.info = info;
    }

    static StandaloneSandbox start(Path dir, String... extraArgs) throws IOException, InterruptedException {
        Path infoFile = dir.resolve("sandbox-info.json");
        Path output = dir.resolve("sandbox-output.log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sandbox",
                "--info",
                infoFile.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(infoFile)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("standalone sandbox did not start:\n" + Files.readString(output));
            }
            Thread.sleep(100);
        }
        return new StandaloneSandbox(process, output, infoFile, SandboxInfo.fromJson(Files.readString(infoFile)));
    }

    SandboxInfo info() {
        return info;
    }

    Path infoFile() {
        return infoFile;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    AwsCli cli(SandboxAccount account) {
        return AwsCli.against(
                java.net.URI.create(info.awsEndpoint()),
                AwsKeys.of(account.accessKeyId(), account.secretAccessKey()),
                info.region());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
