package dev.eksirsa.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the benchmark says about the machine and the tools it runs. */
final class BenchTools {
    private BenchTools() {}

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Math.round(memoryKb() / 1024.0 / 1024.0) + " GiB, " + System.getProperty("os.name") + ", Java "
                + System.getProperty("java.version");
    }

    private static long memoryKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the figure is left out
        }
        return 0;
    }

    /** The newest kubectl whose writes are JSON: 1.32 and later send protobuf, which the sandbox cannot decode. */
    private static final int NEWEST_JSON_MINOR = 31;

    /**
     * The kubectl the runbook runs. Where the kubectl on PATH is a dispatcher beside versioned binaries (as Google
     * Cloud SDK installs it, which asks the server for its version before every command), the newest versioned
     * binary that writes JSON: one process and one call per command, as a plain kubectl.
     */
    static Path kubectl() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                Path real = candidate.toRealPath();
                try (var siblings = Files.list(real.getParent())) {
                    return siblings.filter(p -> p.getFileName().toString().matches("kubectl\\.1\\.\\d+"))
                            .filter(p -> minor(p) <= NEWEST_JSON_MINOR)
                            .max((a, b) -> Integer.compare(minor(a), minor(b)))
                            .orElse(real);
                }
            }
        }
        throw new IOException("kubectl is not on PATH; pass --kubectl");
    }

    private static int minor(Path versioned) {
        return Integer.parseInt(versioned.getFileName().toString().replaceAll(".*\\.", ""));
    }

    static String version(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out.strip().split("\n")[0];
        } catch (IOException e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        }
    }
}
