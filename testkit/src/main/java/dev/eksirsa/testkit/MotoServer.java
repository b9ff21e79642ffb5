package dev.eksirsa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code python3 -m moto.server}) on a free loopback port, as a second AWS backend. {@link #start()}
 * gives a private instance that {@link #close()} stops; {@link #shared()} gives one JVM-wide instance, started on
 * first use and stopped when the JVM exits (use {@link #reset()} between tests that need a clean state).
 */
public final class MotoServer implements AutoCloseable {

    /** The account moto puts every resource in. */
    public static final String ACCOUNT_ID = "123456789012";
    /** moto accepts any keys; these are the ones its documentation uses. */
    public static final AwsKeys KEYS = AwsKeys.of("testing", "testing");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final boolean isShared;

    private MotoServer(Process process, URI endpoint, Path log, boolean isShared) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.isShared = isShared;
    }

    /** Starts a private server; fails or skips the test when moto is not installed. */
    public static MotoServer start() {
        return launch(false);
    }

    /** The JVM-wide server, started on first use; {@link #close()} on it does nothing. */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            MotoServer server = launch(true);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-server-stop"));
            shared = server;
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An AWS CLI v2 runner pointed at this server with {@link #KEYS}. */
    public AwsCli awsCli(String region) {
        return AwsCli.against(endpoint, KEYS, region);
    }

    /** Drops every resource moto holds ({@code POST /moto-api/reset}). */
    public void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static MotoServer launch(boolean isShared) {
        Path python = RealClients.motoPython();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return launchOnce(python, freePort(), isShared);
            } catch (IllegalStateException e) {
                last = e; // most likely the free port was taken in between; try another one
            }
        }
        throw last;
    }

    private static MotoServer launchOnce(Path python, int port, boolean isShared) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto-server-" + port + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            python.toString(), "-m", "moto.server", "-p", String.valueOf(port), "-H", "127.0.0.1"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(RealClients.inheritedEnvWithoutAws());
            // AWS-managed policies (AmazonS3ReadOnlyAccess, AmazonEKSClusterPolicy, ...) exist in every real account;
            // moto only serves them when asked to.
            builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto server with " + python, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        MotoServer server = new MotoServer(process, endpoint, log, isShared);
        server.awaitReady();
        return server;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException(
                "moto server did not answer at " + endpoint + " within " + STARTUP_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
    }

    @Override
    public String toString() {
        return "MotoServer[" + endpoint + (isShared ? ", shared" : "") + "]";
    }
}
