package dev.eksirsa.sandbox.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies an EKS issuer serves, field for field. */
final class IssuerDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuerDocuments() {}

    static String discovery(ClusterIssuer issuer) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer.issuerUrl());
        document.put("jwks_uri", issuer.jwksUri());
        document.put("authorization_endpoint", "urn:kubernetes:programmatic_authorization");
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("claims_supported", List.of("sub", "iss"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return write(document);
    }

    static String jwks(ClusterIssuer issuer) {
        // toJSONObject(true) emits public parameters only, whatever the set holds.
        return write(issuer.publicJwks().toJSONObject(true));
    }

    private static String write(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
