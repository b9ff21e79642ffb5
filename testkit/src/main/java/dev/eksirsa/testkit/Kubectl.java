package dev.eksirsa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the real kubectl with one kubeconfig file and an isolated HOME. {@code PATH} starts with {@code /usr/bin} so
 * that an exec credential entry running {@code aws eks get-token} finds AWS CLI v2, not the CLI v1 of the image.
 */
public final class Kubectl {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static Path isolatedHome;

    private final Path kubeconfig;
    private final Map<String, String> extraEnv;
    private final Duration timeout;

    private Kubectl(Path kubeconfig, Map<String, String> extraEnv, Duration timeout) {
        this.kubeconfig = Objects.requireNonNull(kubeconfig, "kubeconfig");
        this.extraEnv = Map.copyOf(extraEnv);
        this.timeout = timeout;
    }

    public static Kubectl with(Path kubeconfig) {
        return new Kubectl(kubeconfig, Map.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Adds environment variables, e.g. {@link AwsCli#environment()} so that {@code aws eks get-token} in the
     * kubeconfig signs with those keys against that endpoint. {@code PATH}, {@code HOME} and {@code KUBECONFIG}
     * stay this runner's.
     */
    public Kubectl withEnv(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(extraEnv);
        merged.putAll(env);
        return new Kubectl(kubeconfig, merged, timeout);
    }

    public Kubectl withTimeout(Duration newTimeout) {
        return new Kubectl(kubeconfig, extraEnv, newTimeout);
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs {@code kubectl <args>}; fails or skips the test when kubectl is not installed. */
    public CliResult run(String... args) {
        return run(List.of(args));
    }

    public CliResult run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(RealClients.kubectl().toString());
        command.addAll(args);
        return ProcessRunner.run(command, environment(), null, timeout);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("PATH", "/usr/bin:/bin:/usr/local/bin");
        env.put("HOME", isolatedHome().toString());
        env.put("LANG", "C.UTF-8");
        env.put("KUBECONFIG", kubeconfig.toString());
        return env;
    }

    private static synchronized Path isolatedHome() {
        if (isolatedHome == null) {
            try {
                isolatedHome = Files.createTempDirectory("eks-irsa-kubectl-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create an isolated HOME for kubectl", e);
            }
        }
        return isolatedHome;
    }

    @Override
    public String toString() {
        return "Kubectl[kubeconfig=" + kubeconfig + "]";
    }
}
