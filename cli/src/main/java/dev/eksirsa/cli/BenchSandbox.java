package dev.eksirsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.SandboxInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's sandbox: {@code eks-irsa sandbox} in a process of its own, so that what the benchmark measures in
 * its own JVM is the engine's work, not the emulator's. Its call log is read over the admin API.
 */
final class BenchSandbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final SandboxInfo info;
    private final Path caFile;
    private final HttpClient http = HttpClient.newHttpClient();

    private BenchSandbox(Process process, SandboxInfo info, Path caFile) {
        this.process = process;
        this.info = info;
        this.caFile = caFile;
    }

    /** One call the sandbox served, as its admin API lists it. */
    record Call(
            long seq,
            String service,
            String action,
            String account,
            boolean mutating,
            int status,
            long at,
            String origin) {

        /**
         * Made by the client under test: not by the sandbox itself (its STS fetching an issuer's keys, its emulated
         * Harness delegate testing a connector).
         */
        boolean byClient() {
            return origin == null && !service.equals("oidc");
        }
    }

    static BenchSandbox start(Path dir, Duration latency, double iamWriteRate, Duration activationDelay)
            throws IOException, InterruptedException {
        Path infoFile = dir.resolve("sandbox.json");
        Path log = dir.resolve("sandbox.log");
        List<String> command = new ArrayList<>(BenchJava.command());
        command.addAll(List.of(
                "sandbox",
                "--info",
                infoFile.toString(),
                "--latency",
                latency.toMillis() + "ms",
                "--iam-write-rate",
                String.valueOf(iamWriteRate),
                "--cluster-activation-delay",
                activationDelay.toMillis() + "ms"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.exists(infoFile)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IOException("the benchmark's sandbox did not start; see " + log);
            }
            Thread.sleep(50);
        }
        SandboxInfo info = SandboxInfo.fromJson(Files.readString(infoFile));
        Path ca = Files.writeString(dir.resolve("sandbox-ca.pem"), info.caPem());
        return new BenchSandbox(process, info, ca);
    }

    SandboxInfo info() {
        return info;
    }

    /** The environment the engine and the AWS CLI read: the first account's keys, the region, the endpoint. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", info.accounts().get(0).accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", info.accounts().get(0).secretAccessKey());
        env.put("AWS_REGION", info.region());
        env.put("AWS_DEFAULT_REGION", info.region());
        env.put("AWS_ENDPOINT_URL", info.awsEndpoint());
        env.put("AWS_CA_BUNDLE", caFile.toString());
        env.put("SECOND_ACCOUNT_KEY_ID", info.accounts().get(1).accessKeyId());
        env.put("SECOND_ACCOUNT_SECRET", info.accounts().get(1).secretAccessKey());
        env.put("HARNESS_PLATFORM_API_KEY", info.harnessApiKey());
        return env;
    }

    List<Call> calls() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(info.awsEndpoint() + "/_sandbox/calls"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<Call> calls = new ArrayList<>();
        for (JsonNode call : JSON.readTree(answer.body()).path("calls")) {
            calls.add(new Call(
                    call.path("seq").asLong(),
                    call.path("service").asText(),
                    call.path("action").asText(),
                    call.path("account").asText(null),
                    call.path("mutating").asBoolean(),
                    call.path("status").asInt(),
                    call.path("answeredAtMillis").asLong(),
                    call.path("origin").asText(null)));
        }
        return calls;
    }

    long lastSeq() throws IOException, InterruptedException {
        List<Call> calls = calls();
        return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).seq();
    }

    /** The calls the client under test made after {@code seq}. */
    List<Call> callsSince(long seq) throws IOException, InterruptedException {
        return calls().stream().filter(c -> c.seq() > seq && c.byClient()).toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
