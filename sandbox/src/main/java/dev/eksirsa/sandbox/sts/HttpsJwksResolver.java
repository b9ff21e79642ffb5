package dev.eksirsa.sandbox.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import dev.eksirsa.sandbox.tls.Thumbprints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** {@link JwksResolver} over real HTTPS: discovery document, then jwks_uri, then the thumbprint check. */
final class HttpsJwksResolver implements JwksResolver {
    // STS gives an IdP about 5 seconds (AWS knowledge center, "InvalidIdentityToken").
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();

    /** What one fetch found: the keys and the SHA-1 of the top certificate the jwks_uri server presented. */
    private record Fetched(JWKSet keys, String topThumbprint, Instant fetchedAt) {}

    HttpsJwksResolver(SSLContext trust, Clock clock, Duration cacheTtl) {
        this.http = HttpClient.newBuilder()
                .sslContext(Objects.requireNonNull(trust, "trust"))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    @Override
    public JWKSet keys(String issuerUrl, List<String> thumbprints) {
        Fetched fetched = cached(issuerUrl);
        if (fetched == null) {
            fetched = fetch(issuerUrl);
            if (!cacheTtl.isZero()) {
                cache.put(issuerUrl, fetched);
            }
        }
        // Checked on every call, cached or not: the provider's ThumbprintList can change at any time.
        String top = fetched.topThumbprint();
        if (!thumbprints.isEmpty()
                && thumbprints.stream()
                        .noneMatch(t -> t.toLowerCase(Locale.ROOT).equals(top))) {
            throw StsErrors.thumbprintMismatch();
        }
        return fetched.keys();
    }

    @Override
    public void forget(String issuerUrl) {
        cache.remove(issuerUrl);
    }

    private Fetched cached(String issuerUrl) {
        Fetched fetched = cache.get(issuerUrl);
        if (fetched != null && Instant.now(clock).isBefore(fetched.fetchedAt().plus(cacheTtl))) {
            return fetched;
        }
        return null;
    }

    private Fetched fetch(String issuerUrl) {
        String base = issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl;
        HttpResponse<String> discovery = get(uri(base + "/.well-known/openid-configuration"));
        String jwksUri = jwksUri(discovery.body());
        HttpResponse<String> jwks = get(uri(jwksUri));
        JWKSet keys;
        try {
            keys = JWKSet.parse(jwks.body());
        } catch (ParseException e) {
            throw StsErrors.noVerificationKey();
        }
        return new Fetched(keys, topThumbprint(jwks), Instant.now(clock));
    }

    private HttpResponse<String> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw StsErrors.idpUnreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StsErrors.idpUnreachable();
        }
        if (response.statusCode() != 200) {
            throw StsErrors.noVerificationKey();
        }
        return response;
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw StsErrors.noVerificationKey();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw StsErrors.noVerificationKey();
        }
    }

    private static String jwksUri(String discoveryBody) {
        try {
            JsonNode uri = JSON.readTree(discoveryBody).path("jwks_uri");
            if (!uri.isTextual() || uri.asText().isEmpty()) {
                throw StsErrors.noVerificationKey();
            }
            return uri.asText();
        } catch (IOException e) {
            throw StsErrors.noVerificationKey();
        }
    }

    /** The last certificate of the chain the server sent: what eksctl and AWS's documentation thumbprint. */
    private static String topThumbprint(HttpResponse<?> response) {
        SSLSession session = response.sslSession().orElseThrow(StsErrors::thumbprintMismatch);
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[chain.length - 1] instanceof X509Certificate top)) {
                throw StsErrors.thumbprintMismatch();
            }
            return Thumbprints.sha1Hex(top);
        } catch (SSLPeerUnverifiedException e) {
            throw StsErrors.thumbprintMismatch();
        }
    }

    @Override
    public String toString() {
        return "HttpsJwksResolver[cacheTtl=" + cacheTtl + "]";
    }
}
