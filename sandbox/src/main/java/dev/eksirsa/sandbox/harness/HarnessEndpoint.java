package dev.eksirsa.sandbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.harness.HarnessResponses.Answer;
import dev.eksirsa.sandbox.kube.KubeApiServers;
import dev.eksirsa.sandbox.log.CallLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Harness NextGen API on loopback (plain http, like the AWS endpoint): {@code x-api-key} authentication, delegate
 * tokens, the delegate manifest download, delegate listing, connectors and their connection test. Every request
 * joins the call log as service {@code harness}.
 */
public final class HarnessEndpoint implements AutoCloseable {
    /** The delegate image tag the emulator calls latest. */
    public static final String LATEST_VERSION = "25.11.87300";

    private static final int NO_ANSWER = 0;

    private final HarnessAccount account;
    private final CallLog calls;
    private final Clock clock;
    private final Faults faults;
    private final DelegateTokens tokens;
    private final Connectors connectors;
    private final DelegatePods pods;
    private final ConnectionTests tests;
    private final HttpServer server;
    private final ExecutorService executor;

    public HarnessEndpoint(
            HarnessAccount account,
            KubeApiServers clusters,
            URI awsEndpoint,
            String region,
            CallLog calls,
            Clock clock,
            Faults faults)
            throws IOException {
        this.faults = faults;
        this.account = account;
        this.calls = calls;
        this.clock = clock;
        this.tokens = new DelegateTokens(clock);
        this.connectors = new Connectors(clock);
        this.pods = new DelegatePods(clusters);
        this.tests = new ConnectionTests(pods, awsEndpoint, region, clock);
        dev.eksirsa.sandbox.http.LoopbackServers.configure();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-harness");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The values of every delegate token created so far, revoked ones included. */
    public List<String> delegateTokenValues() {
        return tokens.all().stream().map(DelegateTokens.Token::value).toList();
    }

    public HarnessAccount account() {
        return account;
    }

    private record Call(String method, String path, Map<String, String> query, JsonNode body) {
        String q(String name) {
            return query.get(name);
        }
    }

    private record Outcome(String action, String target, boolean mutating, Answer answer) {}

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath().replaceFirst("^/gateway", "");
            Map<String, String> query = query(uri.getRawQuery());
            JsonNode body = null;
            if (raw.length > 0) {
                try {
                    body = HarnessResponses.JSON.readTree(raw);
                } catch (IOException e) {
                    write(
                            exchange,
                            HarnessResponses.error(400, "INVALID_REQUEST", "The request body is not valid JSON"));
                    return;
                }
            }
            Call call = new Call(exchange.getRequestMethod(), path, query, body);
            Outcome outcome = authenticate(exchange, call);
            if (outcome == null) {
                outcome = injectedFault(call);
            }
            if (outcome == null) {
                outcome = route(call);
                faults.served(outcome.mutating());
            }
            calls.add(
                    "harness",
                    outcome.action(),
                    query.get("accountIdentifier"),
                    "x-api-key",
                    outcome.target(),
                    outcome.answer().status(),
                    outcome.mutating(),
                    null);
            if (outcome.answer().status() != NO_ANSWER) {
                write(exchange, outcome.answer());
            }
            // else: closing the exchange without a response drops the connection
        }
    }

    private Outcome injectedFault(Call call) {
        return faults.beforeCall(
                        "harness",
                        call.method() + " " + call.path(),
                        !call.method().equals("GET"))
                .map(injected -> new Outcome(
                        "fault",
                        call.path(),
                        false,
                        injected.resetsConnection()
                                ? new Answer(NO_ANSWER, "text/plain", "")
                                : HarnessResponses.error(injected.status(), injected.code(), injected.message())))
                .orElse(null);
    }

    private Outcome authenticate(HttpExchange exchange, Call call) {
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        if (key == null || !key.equals(account.apiKey())) {
            return new Outcome(
                    "authenticate",
                    call.path(),
                    false,
                    HarnessResponses.error(401, "INVALID_TOKEN", "Token is not valid."));
        }
        String accountId = call.q("accountIdentifier");
        if (accountId == null || accountId.isBlank()) {
            return new Outcome(
                    "authenticate",
                    call.path(),
                    false,
                    HarnessResponses.error(400, "INVALID_REQUEST", "accountIdentifier: must not be null"));
        }
        if (!accountId.equals(account.accountId())) {
            return new Outcome(
                    "authenticate",
                    call.path(),
                    false,
                    HarnessResponses.error(
                            401,
                            "ACCOUNT_DOES_NOT_EXIST",
                            "Account [" + accountId + "] does not exist or is not yours"));
        }
        return null;
    }

    private Outcome route(Call call) {
        String m = call.method();
        String p = call.path();
        if (m.equals("GET") && p.equals("/ng/api/delegate-setup/latest-supported-version")) {
            ObjectNode version = HarnessResponses.JSON.createObjectNode().put("latestSupportedVersion", LATEST_VERSION);
            return new Outcome("getLatestSupportedVersion", null, false, HarnessResponses.resource(version));
        }
        if (p.equals("/ng/api/delegate-token-ng")) {
            return switch (m) {
                case "POST" -> createToken(call.q("tokenName"));
                case "GET" -> listTokens(call.q("name"));
                case "PUT" -> revokeToken(call.q("tokenName"));
                default -> notFound(call);
            };
        }
        if (m.equals("GET") && p.equals("/ng/api/delegate-token-ng/delegate-groups")) {
            return delegateGroups(call.q("delegateTokenName"));
        }
        if (m.equals("POST") && p.equals("/ng/api/download-delegates/kubernetes")) {
            return download(call.body());
        }
        if (m.equals("POST") && p.equals("/ng/api/delegate-setup/listDelegates")) {
            return listDelegates(
                    call.body() == null
                            ? null
                            : call.body().path("delegateName").asText(null));
        }
        String scope = Connectors.key(account.accountId(), call.q("orgIdentifier"), call.q("projectIdentifier"), "")
                .replaceAll("/$", "");
        if (p.equals("/ng/api/connectors") && (m.equals("POST") || m.equals("PUT"))) {
            return saveConnector(scope, call.body(), m.equals("POST"));
        }
        if (p.startsWith("/ng/api/connectors/testConnection/") && m.equals("POST")) {
            String id = p.substring("/ng/api/connectors/testConnection/".length());
            return connectors
                    .get(scope, id)
                    .map(s -> new Outcome(
                            "testConnection",
                            id,
                            false,
                            HarnessResponses.data(tests.test(account.accountId(), tokens, s.connector()))))
                    .orElseGet(() -> connectorNotFound("testConnection", id));
        }
        if (p.startsWith("/ng/api/connectors/")) {
            String id = p.substring("/ng/api/connectors/".length());
            if (m.equals("GET")) {
                return connectors
                        .get(scope, id)
                        .map(s -> new Outcome("getConnector", id, false, HarnessResponses.data(connectorData(s))))
                        .orElseGet(() -> connectorNotFound("getConnector", id));
            }
            if (m.equals("DELETE")) {
                if (!connectors.delete(scope, id)) {
                    Outcome missing = connectorNotFound("deleteConnector", id);
                    return new Outcome(missing.action(), id, true, missing.answer());
                }
                return new Outcome(
                        "deleteConnector",
                        id,
                        true,
                        HarnessResponses.data(
                                HarnessResponses.JSON.getNodeFactory().booleanNode(true)));
            }
        }
        return notFound(call);
    }

    private Outcome createToken(String name) {
        if (name == null || name.isBlank()) {
            return new Outcome(
                    "createDelegateToken",
                    null,
                    true,
                    HarnessResponses.error(400, "INVALID_REQUEST", "tokenName: must not be blank"));
        }
        return tokens.create(name)
                .map(t -> new Outcome("createDelegateToken", name, true, HarnessResponses.resource(token(t, true))))
                .orElseGet(() -> new Outcome(
                        "createDelegateToken",
                        name,
                        true,
                        HarnessResponses.error(
                                400,
                                "INVALID_REQUEST",
                                "Token with given name " + name + " already exists for given account.")));
    }

    private Outcome listTokens(String name) {
        ArrayNode list = HarnessResponses.JSON.createArrayNode();
        tokens.all().stream()
                .filter(t -> name == null || name.isBlank() || t.name().equals(name))
                .forEach(t -> list.add(token(t, true)));
        return new Outcome("listDelegateTokens", name, false, HarnessResponses.resource(list));
    }

    private Outcome revokeToken(String name) {
        return tokens.revoke(name == null ? "" : name)
                .map(t -> new Outcome("revokeDelegateToken", name, true, HarnessResponses.resource(token(t, false))))
                .orElseGet(() -> new Outcome(
                        "revokeDelegateToken",
                        name,
                        true,
                        HarnessResponses.error(
                                404, "RESOURCE_NOT_FOUND_EXCEPTION", "Delegate token " + name + " not found")));
    }

    private ObjectNode token(DelegateTokens.Token t, boolean withValue) {
        ObjectNode node = HarnessResponses.JSON
                .createObjectNode()
                .put("uuid", Integer.toHexString(t.name().hashCode()))
                .put("accountId", account.accountId())
                .put("name", t.name())
                .put("status", t.status())
                .put("createdAt", t.createdAt());
        node.putObject("createdBy").put("type", "API_KEY");
        if (t.revokedAt() > 0) {
            node.put("revokeAfter", t.revokedAt());
        }
        if (withValue) {
            node.put("value", t.value());
        }
        return node;
    }

    private Outcome download(JsonNode body) {
        String name = body == null ? "" : body.path("name").asText("");
        if (!name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return new Outcome(
                    "downloadDelegateManifest",
                    name,
                    false,
                    HarnessResponses.error(
                            400,
                            "INVALID_REQUEST",
                            "Delegate name must be a valid DNS-1123 label of at most 63 characters"));
        }
        String tokenName = body.path("tokenName").asText("");
        var token = tokens.get(tokenName).filter(DelegateTokens.Token::active);
        if (token.isEmpty()) {
            return new Outcome(
                    "downloadDelegateManifest",
                    name,
                    false,
                    HarnessResponses.error(
                            400,
                            "INVALID_REQUEST",
                            "Delegate token [" + tokenName + "] is not an active token of this account"));
        }
        String permission = body.path("clusterPermissionType").asText("CLUSTER_ADMIN");
        if (!List.of("CLUSTER_ADMIN", "CLUSTER_VIEWER", "NAMESPACE_ADMIN").contains(permission)) {
            return new Outcome(
                    "downloadDelegateManifest",
                    name,
                    false,
                    HarnessResponses.error(
                            400,
                            "INVALID_REQUEST",
                            "clusterPermissionType: must be CLUSTER_ADMIN, CLUSTER_VIEWER or NAMESPACE_ADMIN"));
        }
        String yaml = DelegateManifests.render(
                new DelegateManifests.Request(
                        name,
                        body.path("description").asText(""),
                        ConnectionTests.strings(body.path("tags")),
                        tokenName,
                        permission,
                        body.path("customClusterNamespace").asText("")),
                account.accountId(),
                uri().toString(),
                token.get().value(),
                LATEST_VERSION);
        return new Outcome("downloadDelegateManifest", name, false, new Answer(200, "application/octet-stream", yaml));
    }

    private Outcome listDelegates(String name) {
        Map<String, List<DelegatePods.Replica>> byName = new LinkedHashMap<>();
        for (DelegatePods.Replica r : pods.connected(account.accountId(), tokens)) {
            if (name == null || name.isBlank() || r.delegateName().equals(name)) {
                byName.computeIfAbsent(r.delegateName(), k -> new ArrayList<>()).add(r);
            }
        }
        ArrayNode groups = HarnessResponses.JSON.createArrayNode();
        byName.forEach((delegate, replicas) -> {
            Set<String> clusters = new LinkedHashSet<>();
            replicas.forEach(r -> clusters.add(r.clusterName()));
            boolean clash = clusters.size() > 1;
            ObjectNode group = groups.addObject()
                    .put("name", delegate)
                    .put("type", "KUBERNETES")
                    .put("connected", !clash)
                    .put("lastHeartBeat", clock.millis());
            if (clash) {
                group.put(
                        "errorMessage",
                        "Delegates named " + delegate + " connect from " + clusters.size() + " clusters " + clusters
                                + "; delegates sharing a name self destruct. Give each cluster's delegate its own name.");
            }
            ArrayNode tags = group.putArray("tags");
            replicas.get(0).tags().forEach(tags::add);
            ArrayNode list = group.putArray("delegateReplicas");
            for (DelegatePods.Replica r : replicas) {
                list.addObject()
                        .put("uuid", r.podName())
                        .put("hostName", r.podName())
                        .put("connected", !clash)
                        .put("version", LATEST_VERSION)
                        .put("lastHeartbeat", clock.millis());
            }
        });
        return new Outcome("listDelegates", name, false, HarnessResponses.resource(groups));
    }

    private Outcome delegateGroups(String tokenName) {
        ObjectNode resource = HarnessResponses.JSON.createObjectNode();
        ArrayNode details = resource.putArray("delegateGroupDetails");
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (DelegatePods.Replica r : pods.connected(account.accountId(), tokens)) {
            if (tokenName == null || tokenName.equals(r.tokenName())) {
                seen.putIfAbsent(r.delegateName(), true);
            }
        }
        seen.keySet().forEach(n -> details.addObject()
                .put("groupName", n)
                .put("activelyConnected", true)
                .put("connectivityStatus", "connected"));
        return new Outcome("listDelegateGroups", tokenName, false, HarnessResponses.resource(resource));
    }

    private Outcome saveConnector(String scope, JsonNode body, boolean create) {
        String action = create ? "createConnector" : "updateConnector";
        String id =
                body == null ? null : body.path("connector").path("identifier").asText(null);
        try {
            Connectors.Stored stored = create ? connectors.create(scope, body) : connectors.update(scope, body);
            return new Outcome(action, id, true, HarnessResponses.data(connectorData(stored)));
        } catch (Connectors.Invalid e) {
            int status = e.code.equals("RESOURCE_NOT_FOUND_EXCEPTION") ? 404 : 400;
            return new Outcome(action, id, true, HarnessResponses.error(status, e.code, e.getMessage()));
        }
    }

    private static ObjectNode connectorData(Connectors.Stored stored) {
        ObjectNode data = HarnessResponses.JSON.createObjectNode();
        data.set("connector", stored.connector());
        data.put("createdAt", stored.createdAt()).put("lastModifiedAt", stored.lastModifiedAt());
        data.putObject("status").put("status", "UNKNOWN");
        data.put("harnessManaged", false);
        return data;
    }

    private Outcome connectorNotFound(String action, String id) {
        return new Outcome(
                action,
                id,
                false,
                HarnessResponses.error(
                        404, "RESOURCE_NOT_FOUND_EXCEPTION", "Connector with identifier [" + id + "] not found"));
    }

    private Outcome notFound(Call call) {
        return new Outcome(
                call.method() + " " + call.path(),
                null,
                false,
                HarnessResponses.error(
                        404, "RESOURCE_NOT_FOUND_EXCEPTION", "No resource at " + call.method() + " " + call.path()));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
