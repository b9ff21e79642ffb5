package dev.eksirsa.sandbox.sts;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Where STS gets an OIDC issuer's signing keys. Real STS fetches {@code <iss>/.well-known/openid-configuration},
 * then its {@code jwks_uri}, over HTTPS, and checks the IAM provider's thumbprints against the certificate the
 * key server presents; {@link #https} does the same against the sandbox's issuers.
 */
@FunctionalInterface
public interface JwksResolver {

    /**
     * The issuer's current public keys.
     *
     * @param issuerUrl the token's {@code iss}, {@code https://host[/path]}
     * @param thumbprints the IAM provider's ThumbprintList (lower-case hex SHA-1); empty means none configured
     * @throws dev.eksirsa.sandbox.http.AwsError IDPCommunicationError when the issuer cannot be reached,
     *     InvalidIdentityToken when its documents are unusable or its certificate matches no thumbprint
     */
    JWKSet keys(String issuerUrl, List<String> thumbprints);

    /** Drops anything cached for the issuer, e.g. when a token names a key id the cached set lacks. */
    default void forget(String issuerUrl) {}

    /**
     * Fetches over HTTPS trusting {@code trust} (the sandbox CA's {@code clientTrusting()}, standing in for the
     * well-known CAs real STS trusts), caching each issuer's keys for {@code cacheTtl} ({@link Duration#ZERO}: no cache).
     */
    static JwksResolver https(SSLContext trust, Clock clock, Duration cacheTtl) {
        return new HttpsJwksResolver(trust, clock, cacheTtl);
    }
}
