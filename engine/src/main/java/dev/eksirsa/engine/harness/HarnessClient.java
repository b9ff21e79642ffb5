package dev.eksirsa.engine.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.ProxySettings;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Harness NextGen API calls the delegate step makes (../shared/notes/harness-facts.md), with {@code x-api-key}.
 * Reads answer from the {@code resource} or {@code data} envelope; failures become {@link HarnessApiException} with
 * Harness's message. Neither the key nor a token value is ever part of a message.
 */
public final class HarnessClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HarnessConnection connection;
    private final HttpClient http;
    private final HarnessRetry retry;

    public HarnessClient(HarnessConnection connection, ProxySettings proxy) {
        this(connection, proxy, HarnessRetry.DEFAULTS);
    }

    public HarnessClient(HarnessConnection connection, ProxySettings proxy, HarnessRetry retry) {
        this.connection = connection;
        this.retry = Objects.requireNonNull(retry, "retry");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20));
        if (proxy != null) {
            builder.proxy(new ProxySelector() {
                @Override
                public List<java.net.Proxy> select(URI uri) {
                    return List.of(proxy.forHost(uri.getHost()));
                }

                @Override
                public void connectFailed(URI uri, java.net.SocketAddress sa, IOException ioe) {}
            });
        }
        this.http = builder.build();
    }

    /** A delegate token as the API shows it. {@code value} is the secret; {@link #toString()} hides it. */
    public record DelegateToken(String name, String status, String value) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }

        @Override
        public String toString() {
            return "DelegateToken[" + name + ", " + status + "]";
        }
    }

    /** One delegate group as listDelegates reports it. */
    public record Delegate(String name, boolean connected, List<String> replicaHosts, String errorMessage) {}

    public String latestDelegateVersion() {
        return call(
                        "GET",
                        "/ng/api/delegate-setup/latest-supported-version",
                        Map.of(),
                        null,
                        "reading the latest delegate version")
                .path("resource")
                .path("latestSupportedVersion")
                .asText();
    }

    public Optional<DelegateToken> token(String name) {
        for (JsonNode t : call(
                        "GET",
                        "/ng/api/delegate-token-ng",
                        Map.of("name", name),
                        null,
                        "reading delegate token " + name)
                .path("resource")) {
            if (name.equals(t.path("name").asText())) {
                return Optional.of(new DelegateToken(
                        name, t.path("status").asText(), t.path("value").asText(null)));
            }
        }
        return Optional.empty();
    }

    public DelegateToken createToken(String name) {
        JsonNode t = call(
                        "POST",
                        "/ng/api/delegate-token-ng",
                        Map.of("tokenName", name),
                        null,
                        "creating delegate token " + name)
                .path("resource");
        return new DelegateToken(
                name, t.path("status").asText(), t.path("value").asText(null));
    }

    public void revokeToken(String name) {
        call("PUT", "/ng/api/delegate-token-ng", Map.of("tokenName", name), null, "revoking delegate token " + name);
    }

    /** The Kubernetes delegate YAML Harness generates (holds the token: never log it). */
    public String downloadManifest(String name, String tokenName, String permission, List<String> tags) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", name)
                .put("tokenName", tokenName)
                .put("clusterPermissionType", permission);
        tags.forEach(body.putArray("tags")::add);
        return send(
                "POST", "/ng/api/download-delegates/kubernetes", Map.of(), body, "downloading the manifest of " + name);
    }

    public List<Delegate> delegates(String name) {
        ObjectNode body = JSON.createObjectNode().put("filterType", "Delegate").put("delegateName", name);
        List<Delegate> out = new ArrayList<>();
        for (JsonNode d : call("POST", "/ng/api/delegate-setup/listDelegates", Map.of(), body, "listing delegates")
                .path("resource")) {
            if (!name.equals(d.path("name").asText())) {
                continue;
            }
            List<String> hosts = new ArrayList<>();
            d.path("delegateReplicas").forEach(r -> hosts.add(r.path("hostName").asText()));
            out.add(new Delegate(
                    name,
                    d.path("connected").asBoolean(),
                    hosts,
                    d.path("errorMessage").asText(null)));
        }
        return out;
    }

    public Optional<JsonNode> connector(String identifier) {
        try {
            return Optional.of(
                    call("GET", "/ng/api/connectors/" + identifier, Map.of(), null, "reading connector " + identifier)
                            .path("data")
                            .path("connector"));
        } catch (HarnessApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void saveConnector(JsonNode connector, boolean create) {
        ObjectNode body = JSON.createObjectNode();
        body.set("connector", connector);
        call(
                create ? "POST" : "PUT",
                "/ng/api/connectors",
                Map.of(),
                body,
                (create ? "creating" : "updating") + " connector "
                        + connector.path("identifier").asText());
    }

    public void deleteConnector(String identifier) {
        call("DELETE", "/ng/api/connectors/" + identifier, Map.of(), null, "deleting connector " + identifier);
    }

    /** {@code data} of the test: status SUCCESS | FAILURE | …, errors[{reason, message, code}], errorSummary. */
    public JsonNode testConnector(String identifier) {
        return call(
                        "POST",
                        "/ng/api/connectors/testConnection/" + identifier,
                        Map.of(),
                        null,
                        "testing connector " + identifier)
                .path("data");
    }

    private JsonNode call(String method, String path, Map<String, String> query, JsonNode body, String what) {
        String text = send(method, path, query, body, what);
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new EksIrsaException(what + " failed: Harness's answer is not JSON");
        }
    }

    private String send(String method, String path, Map<String, String> query, JsonNode body, String what) {
        StringBuilder uri = new StringBuilder(connection.managerUrl() + path + "?accountIdentifier=")
                .append(encode(connection.accountId()));
        query.forEach((k, v) -> uri.append('&').append(encode(k)).append('=').append(encode(v)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(Duration.ofSeconds(60))
                .header("x-api-key", connection.apiKey())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = sendWithRetries(request, what);
        if (response.statusCode() / 100 != 2) {
            String code = null;
            String message = null;
            try {
                JsonNode error = JSON.readTree(response.body());
                code = error.path("code").asText(null);
                message = error.path("message").asText(null);
            } catch (IOException notJson) {
                // a proxy's or load balancer's page: the status says enough
            }
            throw new HarnessApiException(what, response.statusCode(), code, message);
        }
        return response.body();
    }

    /**
     * Sends, and sends again after a throttle, a 5xx or a dropped connection, as {@link HarnessRetry} says. A write
     * sent again may have been done the first time: callers treat "already exists" as done and read it back.
     */
    private HttpResponse<String> sendWithRetries(HttpRequest request, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (!HarnessRetry.retryable(response.statusCode()) || attempt == retry.attempts()) {
                    return response;
                }
                pause(retry.waitBefore(attempt + 1, response.headers().firstValue("Retry-After")), what);
            } catch (IOException e) {
                if (attempt == retry.attempts()) {
                    throw new EksIrsaException(what + " failed: cannot reach " + connection.managerUrl() + " ("
                            + e.getClass().getSimpleName() + ", " + attempt + " attempts)");
                }
                pause(retry.waitBefore(attempt + 1, Optional.empty()), what);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EksIrsaException(what + " was interrupted");
            }
        }
    }

    private static void pause(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EksIrsaException(what + " was interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
