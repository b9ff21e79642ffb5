package dev.eksirsa.cli;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the sandbox standalone until killed; its endpoints and keys go to the info file only. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Run the embedded AWS/EKS sandbox on loopback until killed.",
            "Writes FILE (mode 0600, atomically) once every server is ready: awsEndpoint, region and",
            "the accounts' administrator keys. Keys are never printed."
        })
final class SandboxCommand implements Callable<Integer> {
    private final CliIo io;

    SandboxCommand(CliIo io) {
        this.io = io;
    }

    @Option(
            names = "--info",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the sandbox's endpoints and keys.")
    Path info;

    @Option(
            names = "--region",
            defaultValue = "us-east-1",
            description = "Region the sandbox answers for (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(
            names = "--cluster-activation-delay",
            defaultValue = "2s",
            paramLabel = "DURATION",
            description = "How long a new cluster stays CREATING (default: ${DEFAULT-VALUE}).")
    String activationDelay;

    @Option(
            names = "--latency",
            defaultValue = "0s",
            paramLabel = "DURATION",
            description = "Round trip every AWS, Kubernetes and Harness call waits, as a remote service's would"
                    + " (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(
            names = "--iam-write-rate",
            defaultValue = "10",
            paramLabel = "PER_SECOND",
            description = "IAM writes per second and account before IAM answers Throttling; 0: unlimited"
                    + " (default: ${DEFAULT-VALUE}).")
    double iamWriteRate;

    @Override
    public Integer call() throws Exception {
        Duration delay = dev.eksirsa.engine.api.Durations.parse("--cluster-activation-delay", activationDelay);
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                .withRegion(region)
                .withClusterActivationDelay(delay)
                .withNodegroupActivationDelay(delay)
                .withCallLatency(dev.eksirsa.engine.api.Durations.parse("--latency", latency))
                .withIamWriteRate(iamWriteRate));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // the file holds the accounts' keys: it goes with the sandbox (SIGTERM, Ctrl-C)
                java.nio.file.Files.deleteIfExists(info);
            } catch (java.io.IOException e) {
                io.err()
                        .println(
                                "could not delete " + info + " (" + e.getClass().getSimpleName() + ")");
            }
            sandbox.close();
            stopped.countDown();
        }));
        sandbox.info().writeTo(info);
        io.err()
                .println("sandbox ready: AWS endpoint " + sandbox.awsEndpoint() + ", region " + region
                        + ", Harness endpoint " + sandbox.harness().uri() + " (account "
                        + sandbox.harness().account().accountId() + "); keys written to " + info.toAbsolutePath());
        stopped.await();
        return ExitCodes.OK;
    }
}
