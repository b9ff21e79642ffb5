package dev.eksirsa.cli;

import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.apply.SetupApplier;
import dev.eksirsa.engine.apply.SetupFile;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.steps.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies setups in this JVM (warm, as inside Jenkins) and splits the sandbox's call log by step. */
final class BenchCalls {
    private final BenchSandbox sandbox;
    private final Map<String, String> env;

    BenchCalls(BenchSandbox sandbox, Map<String, String> env) {
        this.sandbox = sandbox;
        this.env = env;
    }

    /** Applies the setup; a failure is an exception, the benchmark's figures would mean nothing. */
    void apply(String setup, int parallelism) {
        apply(setup, parallelism, ProgressListener.NONE);
    }

    private void apply(String setup, int parallelism, ProgressListener progress) {
        SetupApplier.Outcome outcome = new SetupApplier(parallelism)
                .apply(
                        SetupFile.parse(setup),
                        false,
                        new StepContext(new EnvironmentConnectionResolver(env, true), env, progress));
        if (!outcome.succeeded()) {
            throw new EksIrsaException(
                    "the benchmark's apply failed: " + outcome.failure().getMessage());
        }
    }

    /** Runs the setup twice; for each step, the reads and writes of the first run and of the no-op re-run. */
    List<Map<String, Object>> firstRunAndReRun(String setup) throws IOException, InterruptedException {
        Map<String, long[]> first = perStep(setup);
        Map<String, long[]> again = perStep(setup);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String step : first.keySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step);
            row.put("firstRun", counts(first.get(step)));
            row.put("reRun", counts(again.get(step)));
            row.put("minimum", BenchMinimums.of(step));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> counts(long[] readsAndWrites) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reads", readsAndWrites[0]);
        out.put("writes", readsAndWrites[1]);
        out.put("millis", readsAndWrites[2]);
        return out;
    }

    /** Each step's [reads, writes, wall milliseconds], split where apply announces the next document. */
    private Map<String, long[]> perStep(String setup) throws IOException, InterruptedException {
        List<String> kinds = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        ProgressListener marks = new ProgressListener() {
            @Override
            public void info(String line) {
                if (line.startsWith("== ")) {
                    kinds.add(line.substring(3, line.indexOf(' ', 3)));
                    times.add(System.nanoTime());
                    try {
                        starts.add(sandbox.lastSeq());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void warn(String line) {}
        };
        apply(setup, 1, marks);
        times.add(System.nanoTime());
        starts.add(sandbox.lastSeq());
        List<BenchSandbox.Call> calls = sandbox.callsSince(starts.get(0));
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            long from = starts.get(i);
            long to = starts.get(i + 1);
            long[] counts = out.computeIfAbsent(kinds.get(i), k -> new long[3]);
            // the step's wall time, less the admin call that marked its start (a loopback round trip)
            counts[2] += (times.get(i + 1) - times.get(i)) / 1_000_000;
            for (BenchSandbox.Call call : calls) {
                if (call.seq() > from && call.seq() <= to) {
                    counts[call.mutating() ? 1 : 0]++;
                }
            }
        }
        return out;
    }

    /**
     * How long a run waited for its new cluster: from CreateCluster's answer to the DescribeCluster that ended the
     * polling (the last of the DescribeCluster calls that follow it without another call between).
     */
    static Duration activationWait(List<BenchSandbox.Call> calls) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).action().equals("CreateCluster") && calls.get(i).status() < 300) {
                long created = calls.get(i).at();
                long lastPoll = created;
                for (int j = i + 1; j < calls.size() && calls.get(j).action().equals("DescribeCluster"); j++) {
                    lastPoll = calls.get(j).at();
                }
                return Duration.ofMillis(lastPoll - created);
            }
        }
        return Duration.ZERO;
    }
}
