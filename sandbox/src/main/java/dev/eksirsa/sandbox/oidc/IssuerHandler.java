package dev.eksirsa.sandbox.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes {@code /id/<cluster>/.well-known/openid-configuration} and {@code /id/<cluster>/keys}; 404 otherwise. */
final class IssuerHandler implements HttpHandler {
    static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern ROUTE =
            Pattern.compile("/id/(" + CLUSTER_ID.pattern() + ")/(\\.well-known/openid-configuration|keys)");
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Function<String, Optional<ClusterIssuer>> issuers;
    private final OidcFetchListener listener;

    IssuerHandler(Function<String, Optional<ClusterIssuer>> issuers, OidcFetchListener listener) {
        this.issuers = issuers;
        this.listener = listener;
    }

    private record Response(int status, String contentType, String body) {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Response response = respond(exchange, path);
            // Reported before anything is written, so a client holding the response knows the fetch is logged.
            try {
                listener.fetched(path, response.status());
            } catch (RuntimeException ignored) {
                // A listener's failure must not affect the issuer.
            }
            send(exchange, response);
        }
    }

    private Response respond(HttpExchange exchange, String path) {
        Matcher route = ROUTE.matcher(path);
        Optional<ClusterIssuer> issuer = route.matches() ? issuers.apply(route.group(1)) : Optional.empty();
        if (issuer.isEmpty()) {
            return new Response(404, TEXT, "404 page not found\n");
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return new Response(405, TEXT, "method not allowed\n");
        }
        String body = route.group(2).equals("keys")
                ? IssuerDocuments.jwks(issuer.get())
                : IssuerDocuments.discovery(issuer.get());
        return new Response(200, "application/json", body);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
