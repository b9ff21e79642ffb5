package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Answers TokenRequest ({@code serviceaccounts/{name}/token}) with a JWT signed by the cluster's OIDC key. */
final class ServiceAccountTokens {
    static final long DEFAULT_EXPIRATION_SECONDS = 3600;
    static final long MIN_EXPIRATION_SECONDS = 600;

    private final ClusterIssuer issuer;
    private final Clock clock;

    ServiceAccountTokens(ClusterIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    record Answer(int code, ObjectNode body) {}

    /** The TokenRequest answer for a service account (empty body when the request was unreadable). */
    Answer issue(String namespace, String name, Optional<ObjectNode> serviceAccount, JsonNode requestBody) {
        if (serviceAccount.isEmpty()) {
            return new Answer(404, StatusResponses.notFound("serviceaccounts", "", name));
        }
        JsonNode spec = requestBody == null ? null : requestBody.path("spec");
        List<String> audiences = new ArrayList<>();
        if (spec != null) {
            spec.path("audiences").forEach(a -> audiences.add(a.asText()));
        }
        if (audiences.isEmpty()) {
            audiences.add(issuer.issuerUrl());
        }
        long expirationSeconds = spec != null && spec.hasNonNull("expirationSeconds")
                ? spec.get("expirationSeconds").asLong()
                : DEFAULT_EXPIRATION_SECONDS;
        if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
            return new Answer(
                    422,
                    StatusResponses.invalid(
                            "TokenRequest",
                            name,
                            "spec.expirationSeconds: Invalid value: " + expirationSeconds
                                    + ": may not specify a duration less than 10 minutes"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plusSeconds(expirationSeconds);
        String uid = serviceAccount.get().path("metadata").path("uid").asText("");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.issuerUrl())
                .subject("system:serviceaccount:" + namespace + ":" + name)
                .audience(audiences)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim(
                        "kubernetes.io",
                        Map.of("namespace", namespace, "serviceaccount", Map.of("name", name, "uid", uid)))
                .build();
        ObjectNode response = CrudStore.JSON
                .createObjectNode()
                .put("kind", "TokenRequest")
                .put("apiVersion", "authentication.k8s.io/v1");
        response.putObject("metadata")
                .put("name", name)
                .put("namespace", namespace)
                .put("creationTimestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        ObjectNode responseSpec = response.putObject("spec");
        audiences.forEach(responseSpec.putArray("audiences")::add);
        responseSpec.put("expirationSeconds", expirationSeconds);
        responseSpec.putNull("boundObjectRef");
        response.putObject("status")
                .put("token", issuer.sign(claims))
                .put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(expires));
        return new Answer(201, response);
    }
}
