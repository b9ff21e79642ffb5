package dev.eksirsa.sandbox.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One cluster's OIDC issuer: its URL and its RS256 signing key (RSA 2048, generated at registration).
 * The private key never leaves this object; {@link #toString()} does not show it.
 */
public final class ClusterIssuer {
    private final String clusterId;
    private final String issuerUrl;
    private final RSAKey signingKey;
    private final RSASSASigner signer;

    private final List<String> minted = new CopyOnWriteArrayList<>();

    private ClusterIssuer(String clusterId, String issuerUrl, RSAKey signingKey) {
        this.clusterId = clusterId;
        this.issuerUrl = issuerUrl;
        this.signingKey = signingKey;
        try {
            this.signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable signing key", e);
        }
    }

    static ClusterIssuer generate(String clusterId, String issuerUrl) {
        KeyPair keys = RsaKeyPool.take();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        RSAKey jwk = new RSAKey.Builder(publicKey)
                .privateKey((RSAPrivateKey) keys.getPrivate())
                .keyID(keyId(publicKey))
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
        return new ClusterIssuer(clusterId, issuerUrl, jwk);
    }

    // EKS key ids are 40 hex digits; a SHA-1 of the public key gives the same shape and is stable per key.
    private static String keyId(RSAPublicKey publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String clusterId() {
        return clusterId;
    }

    /** e.g. {@code https://127.0.0.10/id/4F6A...}, no trailing slash; what goes into tokens' {@code iss}. */
    public String issuerUrl() {
        return issuerUrl;
    }

    /** The issuer without {@code https://}: the IAM OIDC provider's id and the trust-policy condition key prefix. */
    public String hostAndPath() {
        return issuerUrl.substring("https://".length());
    }

    public String jwksUri() {
        return issuerUrl + "/keys";
    }

    public String keyId() {
        return signingKey.getKeyID();
    }

    /** RS256 with this cluster's key; header carries {@code kid} and {@code typ: JWT}. Claims are signed as given. */
    public String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed for issuer " + issuerUrl, e);
        }
        String token = jwt.serialize();
        minted.add(token);
        return token;
    }

    /** Every JWT this issuer signed. */
    public List<String> minted() {
        return List.copyOf(minted);
    }

    /** The public half only, as served at {@link #jwksUri()}. */
    public JWKSet publicJwks() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    @Override
    public String toString() {
        return "ClusterIssuer[" + issuerUrl + ", kid=" + signingKey.getKeyID() + "]";
    }
}
