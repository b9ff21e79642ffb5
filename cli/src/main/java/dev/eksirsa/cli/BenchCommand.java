package dev.eksirsa.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eks-irsa bench}: the engine against the tutorial's way, on a sandbox in its own process. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark eks-irsa against the tutorial's way (AWS CLI v2 and kubectl, one process per command) on a",
            "sandbox started in its own process with a per-call latency. Prints API calls per step (first run and",
            "no-op re-run), wall times cold and warm, and how service accounts scale. Figures, not a test."
        })
final class BenchCommand implements Callable<Integer> {
    private final CliIo io;

    BenchCommand(CliIo io) {
        this.io = io;
    }

    @Option(
            names = "--latency",
            defaultValue = "50ms",
            paramLabel = "DURATION",
            description = "Round trip the sandbox adds to every call (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(
            names = "--iam-write-rate",
            defaultValue = "10",
            paramLabel = "PER_SECOND",
            description = "IAM writes per second and account before the sandbox throttles (default: ${DEFAULT-VALUE}).")
    double iamWriteRate;

    @Option(
            names = "--cluster-activation-delay",
            defaultValue = "2s",
            paramLabel = "DURATION",
            description = "How long a new cluster stays CREATING (default: ${DEFAULT-VALUE}); reported apart.")
    String activationDelay;

    @Option(names = "--quick", description = "Scale up to 100 service accounts instead of 500.")
    boolean quick;

    @Option(
            names = "--parallel",
            defaultValue = "4",
            paramLabel = "N",
            description = "Documents of one kind apply runs at once in the scale runs (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(
            names = "--aws",
            defaultValue = "/usr/bin/aws",
            paramLabel = "PATH",
            description = "The AWS CLI v2 the runbook runs (default: ${DEFAULT-VALUE}).")
    Path aws;

    @Option(
            names = "--kubectl",
            paramLabel = "PATH",
            description = "The kubectl the runbook runs (default: the versioned binary beside the kubectl on PATH,"
                    + " else that one).")
    Path kubectl;

    @Option(
            names = "--output",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text (default) or json: the figures as one JSON object on stdout.")
    String output;

    @Override
    public Integer call() throws InterruptedException {
        try {
            return measure();
        } catch (dev.eksirsa.engine.api.InvalidInputException e) {
            io.err().println("error: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (IOException | RuntimeException e) {
            io.err().println("error: the benchmark failed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private int measure() throws IOException, InterruptedException {
        if (!output.equals("text") && !output.equals("json")) {
            throw new dev.eksirsa.engine.api.InvalidInputException("output", "must be text or json");
        }
        if (parallel < 1) {
            throw new dev.eksirsa.engine.api.InvalidInputException("parallel", "must be at least 1");
        }
        Duration callLatency = dev.eksirsa.engine.api.Durations.parse("--latency", latency);
        Duration delay = dev.eksirsa.engine.api.Durations.parse("--cluster-activation-delay", activationDelay);
        Path kubectlBinary = kubectl != null ? kubectl : BenchTools.kubectl();
        Path dir = Files.createTempDirectory("eks-irsa-bench");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", BenchTools.machine());
        report.put("latencyMs", callLatency.toMillis());
        report.put("iamWriteRate", iamWriteRate);
        report.put("clusterActivationDelaySeconds", seconds(delay));
        report.put("awsCli", BenchTools.version(List.of(aws.toString(), "--version")));
        report.put(
                "kubectl",
                kubectlBinary + " " + BenchTools.version(List.of(kubectlBinary.toString(), "version", "--client")));
        try (BenchSandbox sandbox = BenchSandbox.start(dir, callLatency, iamWriteRate, delay)) {
            Map<String, String> env = sandbox.environment();
            progress("sandbox started in its own process, latency " + callLatency.toMillis() + " ms");

            progress("runbook: the tutorial's way, one AWS CLI / kubectl process per command");
            BenchRunbook.Outcome runbook = new BenchRunbook(aws, kubectlBinary, dir, sandbox).run("rb");

            Path noop = Files.writeString(dir.resolve("noop.yaml"), BenchSetups.cluster("rb", false));
            progress("launcher's first run on this machine (creates its class-data archive if missing)");
            Duration firstLauncherRun =
                    runProcess(BenchJava.userCommand(), List.of("apply", "-f", noop.toString()), env, dir);
            progress("engine, cold: " + String.join(" ", BenchJava.userCommand()) + " apply -f …");
            Timed cold = applyInNewJvm(BenchJava.userCommand(), dir, "cold", env, sandbox);
            progress("engine, cold without the launcher: java -cp … apply -f …");
            Timed plain = applyInNewJvm(BenchJava.command(), dir, "plain", env, sandbox);

            progress("engine, warm-up in this JVM: all four steps, then their no-op re-run (calls per step)");
            BenchCalls calls = new BenchCalls(sandbox, env);
            List<Map<String, Object>> steps = calls.firstRunAndReRun(BenchSetups.allFourSteps(
                    "steps", sandbox.info().harnessAccountId(), sandbox.info().harnessEndpoint()));

            progress("engine, warm: apply in this JVM");
            long seq = sandbox.lastSeq();
            long started = System.nanoTime();
            calls.apply(BenchSetups.clusterAndRoles("warm"), 1);
            Duration warmWall = Duration.ofNanos(System.nanoTime() - started);
            Duration warmWait = BenchCalls.activationWait(sandbox.callsSince(seq));

            progress("cold start: JVM start to the first completed operation (a no-op cluster run)");
            Duration coldStart = runProcess(BenchJava.userCommand(), List.of("apply", "-f", noop.toString()), env, dir);

            List<Map<String, Object>> scale = new ArrayList<>();
            for (int count : quick ? List.of(1, 10, 100) : List.of(1, 10, 100, 500)) {
                progress("scale: " + count + " service accounts with roles, " + parallel + " at a time");
                scale.add(scaleRow(calls, sandbox, count));
            }

            Duration runbookWork = runbook.wall().minus(runbook.activationWait());
            Duration coldWork = cold.wall().minus(cold.activationWait());
            Duration warmWork = warmWall.minus(warmWait);
            report.put("engineCommand", String.join(" ", BenchJava.userCommand()));
            report.put("runbookSeconds", seconds(runbookWork));
            report.put("runbookActivationWaitSeconds", seconds(runbook.activationWait()));
            report.put("runbookProcesses", runbook.processes());
            report.put("runbookCommands", runbook.commands());
            report.put("launcherFirstRunSeconds", seconds(firstLauncherRun));
            report.put("engineSeconds", seconds(coldWork));
            report.put("engineActivationWaitSeconds", seconds(cold.activationWait()));
            report.put("engineCalls", cold.calls());
            report.put("enginePlainJvmSeconds", seconds(plain.wall().minus(plain.activationWait())));
            report.put("engineWarmSeconds", seconds(warmWork));
            report.put("engineWarmActivationWaitSeconds", seconds(warmWait));
            report.put("speedup", ratio(runbookWork, coldWork));
            report.put("warmSpeedup", ratio(runbookWork, warmWork));
            report.put("coldStartSeconds", seconds(coldStart));
            report.put(
                    "noopWrites",
                    steps.stream()
                            .mapToLong(s -> (Long) ((Map<?, ?>) s.get("reRun")).get("writes"))
                            .sum());
            report.put("steps", steps);
            report.put("scale", scale);
        }
        if (output.equals("json")) {
            io.out()
                    .println(new com.fasterxml.jackson.databind.ObjectMapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(report));
        } else {
            BenchText.print(report, io.out());
        }
        return ExitCodes.OK;
    }

    /** A run's wall time, how much of it was the cluster's activation, and the calls it made. */
    record Timed(Duration wall, Duration activationWait, int calls) {}

    private Timed applyInNewJvm(
            List<String> command, Path dir, String name, Map<String, String> env, BenchSandbox sandbox)
            throws IOException, InterruptedException {
        Path setup = Files.writeString(dir.resolve(name + ".yaml"), BenchSetups.clusterAndRoles(name));
        long seq = sandbox.lastSeq();
        Duration wall = runProcess(command, List.of("apply", "-f", setup.toString(), "--output", "json"), env, dir);
        List<BenchSandbox.Call> calls = sandbox.callsSince(seq);
        return new Timed(wall, BenchCalls.activationWait(calls), calls.size());
    }

    private static Duration runProcess(List<String> command, List<String> args, Map<String, String> env, Path dir)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(command);
        all.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(all);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "engine", ".out");
        Path err = Files.createTempFile(dir, "engine", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("eks-irsa " + args.get(0) + " did not finish in 10 minutes");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        if (process.exitValue() != 0) {
            throw new IOException("eks-irsa " + args.get(0) + " exited " + process.exitValue() + ": "
                    + lastLine(Files.readString(err, StandardCharsets.UTF_8)));
        }
        return wall;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private Map<String, Object> scaleRow(BenchCalls calls, BenchSandbox sandbox, int count)
            throws IOException, InterruptedException {
        String setup = BenchSetups.serviceAccounts("warm", "s" + count, count);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long seq = sandbox.lastSeq();
        long started = System.nanoTime();
        calls.apply(setup, parallel);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        List<BenchSandbox.Call> made = sandbox.callsSince(seq);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("serviceAccounts", count);
        row.put("seconds", seconds(wall));
        row.put("calls", made.size());
        row.put(
                "iamWrites",
                made.stream()
                        .filter(c -> c.service().equals("iam") && c.mutating() && c.status() < 300)
                        .count());
        row.put(
                "throttled",
                made.stream()
                        .filter(c -> c.status() == 400 && c.service().equals("iam") && c.mutating())
                        .count());
        row.put("peakHeapMiB", Math.round(peak / 1024.0 / 1024.0));
        return row;
    }

    private void progress(String line) {
        io.err().println("bench: " + line);
    }

    static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 10.0) / 100.0;
    }

    private static double ratio(Duration slow, Duration fast) {
        return fast.isZero() ? 0 : Math.round(slow.toNanos() * 10.0 / fast.toNanos()) / 10.0;
    }
}
