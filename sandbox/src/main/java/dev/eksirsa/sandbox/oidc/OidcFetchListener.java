package dev.eksirsa.sandbox.oidc;

/** Told about every HTTP request the issuer answers (discovery, JWKS, and misses), after the response is sent. */
@FunctionalInterface
public interface OidcFetchListener {
    OidcFetchListener NONE = (path, status) -> {};

    /** {@code path} is the raw request path without the query string; must not throw (failures are ignored). */
    void fetched(String path, int status);
}
