package dev.eksirsa.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real clients the tests drive: AWS CLI v2 at {@code /usr/bin/aws} (never the {@code aws} first on PATH,
 * which is CLI v1 in this image), kubectl and {@code python3 -m moto.server}.
 *
 * <p>When a client is missing, a test that needs it fails if the environment variable {@value #REQUIRE_ENV} is
 * {@code 1} (as {@code .ci/run} sets it), and is otherwise skipped with a {@code SKIPPED:} line on stderr.
 */
public final class RealClients {

    public static final String REQUIRE_ENV = "EKS_IRSA_REQUIRE_CLIENTS";
    public static final Path AWS_CLI_V2 = Path.of("/usr/bin/aws");

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, Found> FOUND = new ConcurrentHashMap<>();
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private RealClients() {}

    /** The AWS CLI v2 executable, or the test fails/skips. */
    public static Path awsCliV2() {
        return require("aws", RealClients::probeAwsCli).executable();
    }

    /** The kubectl executable, or the test fails/skips. */
    public static Path kubectl() {
        return require("kubectl", RealClients::probeKubectl).executable();
    }

    /** A python3 interpreter that can run {@code -m moto.server}, or the test fails/skips. */
    public static Path motoPython() {
        return require("moto", RealClients::probeMoto).executable();
    }

    /** Headless Chromium (Debian's {@code chromium}), for reports that must render under a CSP, or the test fails/skips. */
    public static Path chromium() {
        return require("chromium", RealClients::probeChromium).executable();
    }

    /** Whether a missing client fails the test ({@code EKS_IRSA_REQUIRE_CLIENTS=1}) instead of skipping it. */
    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /** The current environment without AWS settings, for clients that need the user's PATH and HOME. */
    static Map<String, String> inheritedEnvWithoutAws() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("KUBECONFIG"));
        return env;
    }

    private static Found require(String client, Supplier<Found> probe) {
        Found found = FOUND.computeIfAbsent(client, name -> probe.get());
        if (found.problem() == null) {
            return found;
        }
        if (required()) {
            Assertions.fail(found.problem() + " (" + REQUIRE_ENV + "=1: a missing real client is a failure)");
        }
        if (ANNOUNCED.add(client)) {
            System.err.println("SKIPPED: " + found.problem() + " (tests that need it are skipped; set " + REQUIRE_ENV
                    + "=1 to fail instead)");
        }
        Assumptions.abort("SKIPPED: " + found.problem());
        throw new IllegalStateException("unreachable");
    }

    private static Found probeAwsCli() {
        String install = " — install Debian's awscli (apt-get install -y awscli)";
        if (!Files.isExecutable(AWS_CLI_V2)) {
            return Found.missing("AWS CLI v2 not found at " + AWS_CLI_V2 + install);
        }
        CliResult version = ProcessRunner.run(
                List.of(AWS_CLI_V2.toString(), "--version"),
                Map.of("PATH", "/usr/bin:/bin", "HOME", System.getProperty("java.io.tmpdir"), "AWS_PAGER", ""),
                null,
                PROBE_TIMEOUT);
        String printed = (version.stdout() + version.stderr()).trim();
        if (!version.ok() || !printed.startsWith("aws-cli/2.")) {
            return Found.missing(
                    AWS_CLI_V2 + " is not AWS CLI v2 (it printed \"" + firstLine(printed) + "\")" + install);
        }
        return new Found(AWS_CLI_V2, null);
    }

    private static Found probeChromium() {
        for (Path candidate : candidates("chromium")) {
            CliResult version = ProcessRunner.run(
                    List.of(candidate.toString(), "--version"), inheritedEnvWithoutAws(), null, PROBE_TIMEOUT);
            if (version.ok()) {
                return new Found(candidate, null);
            }
        }
        return Found.missing("chromium not found on PATH or in /usr/bin — install Debian's chromium"
                + " (apt-get install -y chromium)");
    }

    private static Found probeKubectl() {
        for (Path candidate : candidates("kubectl")) {
            CliResult version = ProcessRunner.run(
                    List.of(candidate.toString(), "version", "--client", "-o", "json"),
                    inheritedEnvWithoutAws(),
                    null,
                    PROBE_TIMEOUT);
            if (version.ok()) {
                return new Found(candidate, null);
            }
        }
        return Found.missing("kubectl not found on PATH or in /usr/bin, /usr/local/bin — install kubectl");
    }

    private static Found probeMoto() {
        for (Path candidate : candidates("python3")) {
            CliResult probe = ProcessRunner.run(
                    List.of(candidate.toString(), "-c", "import moto, moto.server; print(moto.__version__)"),
                    inheritedEnvWithoutAws(),
                    null,
                    PROBE_TIMEOUT);
            if (probe.ok()) {
                return new Found(candidate, null);
            }
        }
        return Found.missing("moto server not found (no python3 on PATH or in /usr/bin can run -m moto.server)"
                + " — install it with pip install 'moto[server]==5.2.1'");
    }

    /** Every executable with this name on PATH, then in /usr/local/bin and /usr/bin. */
    private static List<Path> candidates(String name) {
        Set<Path> found = new LinkedHashSet<>();
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.add("/usr/local/bin");
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                found.add(candidate);
            }
        }
        return List.copyOf(found);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private record Found(Path executable, String problem) {
        static Found missing(String problem) {
            return new Found(null, problem);
        }
    }
}
