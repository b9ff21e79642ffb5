package dev.eksirsa.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.Ids;
import dev.eksirsa.sandbox.auth.SigV4Verifier;
import dev.eksirsa.sandbox.fault.AccountRateLimit;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.log.CallLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single plain-HTTP loopback endpoint for every AWS service. Signed requests are routed by the service in
 * their SigV4 credential scope, unsigned STS calls by their Action; {@code /_sandbox/*} is the admin API.
 */
public final class AwsEndpoint implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AwsEndpoint.class.getName());
    private static final Set<String> UNSIGNED_STS_ACTIONS = Set.of("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AwsService> services;
    private final CallerAuthenticator authenticator;
    private final CallLog callLog;
    private final Faults faults;
    private final AccountRateLimit iamWrites;
    private final HttpServer server;
    private final ExecutorService executor;
    private final QueryProtocol fallbackProtocol = new QueryProtocol("https://sts.amazonaws.com/doc/2011-06-15/");

    public AwsEndpoint(
            List<AwsService> services,
            CallerAuthenticator authenticator,
            CallLog callLog,
            Faults faults,
            AccountRateLimit iamWrites)
            throws IOException {
        this.services = services.stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(AwsService::signingName, s -> s));
        this.authenticator = authenticator;
        this.callLog = callLog;
        this.faults = faults;
        this.iamWrites = iamWrites;
        dev.eksirsa.sandbox.http.LoopbackServers.configure();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-aws");
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

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            if (uri.getRawPath().startsWith("/_sandbox/")) {
                serveAdmin(exchange, uri.getRawPath());
                return;
            }
            AwsRequest request = AwsRequest.of(
                    exchange.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    exchange.getRequestHeaders(),
                    body);
            AwsResponse response = dispatch(request);
            if (response.status() != AwsResponse.NO_ANSWER) {
                write(exchange, response);
            }
            // else: closing the exchange without a response drops the connection, as a failing peer would
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox endpoint failure", e);
        }
    }

    AwsResponse dispatch(AwsRequest request) {
        String requestId = Ids.requestId();
        AwsService service = route(request).orElse(null);
        if (service == null) {
            return fallbackProtocol.error(
                    new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
                    requestId);
        }
        String action = "Unknown";
        AwsCall call = null;
        AwsResponse response;
        try {
            action = service.actionOf(request);
            Caller caller = authenticator.authenticate(request).orElse(null);
            call = new AwsCall(request, action, caller, requestId);
            boolean mutating = CallLog.isMutatingAwsAction(action);
            Optional<Faults.InjectedError> injected = faults.beforeCall(service.signingName(), action, mutating);
            if (injected.isPresent() && injected.get().resetsConnection()) {
                response = AwsResponse.noAnswer();
            } else {
                injected.ifPresent(fault -> {
                    throw new AwsError(fault.status(), fault.code(), fault.message());
                });
                if (service.signingName().equals("iam") && mutating && !iamWrites.tryAcquire(call.loggedAccount())) {
                    throw new AwsError(400, "Throttling", "Rate exceeded");
                }
                response = service.handle(call);
                faults.served(mutating);
            }
        } catch (AwsError e) {
            response = service.renderError(e, requestId);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "sandbox failure in " + service.signingName() + ":" + action, e);
            response = service.renderError(
                    new AwsError(
                            500,
                            "InternalFailure",
                            "The request processing has failed because of an unknown error.",
                            false),
                    requestId);
        }
        callLog.add(
                service.signingName(),
                action,
                call == null ? null : call.loggedAccount(),
                call == null ? null : call.loggedPrincipal(),
                call == null ? null : call.target(),
                response.status(),
                CallLog.isMutatingAwsAction(action),
                null,
                request.header(CallLog.ORIGIN_HEADER).orElse(null));
        return response.withHeader("x-amzn-RequestId", requestId);
    }

    private Optional<AwsService> route(AwsRequest request) {
        Optional<String> signedFor =
                SigV4Verifier.peekScope(CallerAuthenticator.incoming(request)).map(scope -> scope.service());
        if (signedFor.isPresent()) {
            return Optional.ofNullable(services.get(signedFor.get()));
        }
        return request.param("Action").filter(UNSIGNED_STS_ACTIONS::contains).map(a -> services.get("sts"));
    }

    private void serveAdmin(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/_sandbox/calls")) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> write(
                        exchange, AwsResponse.json(200, JSON.writeValueAsString(Map.of("calls", callLog.all()))));
                case "DELETE" -> {
                    callLog.clear();
                    write(exchange, AwsResponse.json(200, "{\"calls\":[]}"));
                }
                default -> write(exchange, AwsResponse.json(405, "{\"message\":\"method not allowed\"}"));
            }
            return;
        }
        write(exchange, AwsResponse.json(404, "{\"message\":\"unknown sandbox admin path\"}"));
    }

    private static void write(HttpExchange exchange, AwsResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
