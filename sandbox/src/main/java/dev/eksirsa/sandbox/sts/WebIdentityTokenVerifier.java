package dev.eksirsa.sandbox.sts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.iam.IamAccount;
import dev.eksirsa.sandbox.iam.OidcProvider;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a web identity token as STS does: the issuer must be a registered OIDC provider of the role's account,
 * the signature must verify against the issuer's published keys, an audience must be one of the provider's client
 * ids, and the token must not have expired.
 */
final class WebIdentityTokenVerifier {
    // The JWS algorithms IAM accepts from OIDC providers.
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private final JwksResolver jwks;
    private final Faults faults;

    WebIdentityTokenVerifier(JwksResolver jwks, Faults faults) {
        this.jwks = jwks;
        this.faults = faults;
    }

    /** The IAM provider as it stood when read, so no lock is held while the issuer is fetched. */
    private record ProviderView(String arn, List<String> clientIds, List<String> thumbprints) {}

    /** The parsed, not yet verified token; its subject may be logged before verification completes. */
    static SignedJWT parse(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            jwt.getJWTClaimsSet();
            return jwt;
        } catch (ParseException e) {
            throw StsErrors.tokenNotValidated();
        }
    }

    static Optional<String> unverifiedSubject(SignedJWT jwt) {
        try {
            return Optional.ofNullable(jwt.getJWTClaimsSet().getSubject());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * @param roleAccount the account of the role being assumed; empty when the sandbox has no such account
     */
    VerifiedWebIdentity verify(SignedJWT jwt, Optional<IamAccount> roleAccount, Instant now) {
        JWTClaimsSet claims = claims(jwt);
        String issuer = claims.getIssuer();
        if (issuer == null || issuer.isEmpty()) {
            throw StsErrors.tokenNotValidated();
        }
        String hostAndPath = issuer.startsWith("https://") ? issuer.substring("https://".length()) : issuer;
        ProviderView provider = roleAccount
                .flatMap(account -> provider(account, hostAndPath, now))
                .orElseThrow(() -> StsErrors.noProvider(issuer));

        if (!ACCEPTED.contains(jwt.getHeader().getAlgorithm())) {
            throw StsErrors.tokenNotValidated();
        }
        verifySignature(jwt, issuer, provider.thumbprints());

        List<String> audiences = claims.getAudience();
        String matched = audiences.stream()
                .filter(provider.clientIds()::contains)
                .findFirst()
                .orElseThrow(StsErrors::incorrectAudience);

        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw StsErrors.tokenNotValidated();
        }
        if (!now.isBefore(exp.toInstant())) {
            throw StsErrors.tokenExpired(now, exp.toInstant());
        }
        // Simplified: nbf/iat plausibility and the token-age limit STS applies are not checked.
        return new VerifiedWebIdentity(
                issuer, hostAndPath, provider.arn(), claims.getSubject(), audiences, matched, amr(claims));
    }

    private Optional<ProviderView> provider(IamAccount account, String hostAndPath, Instant now) {
        synchronized (account.lock()) {
            return account.providerForIssuer(hostAndPath)
                    // A provider created moments ago is not yet visible to STS, like a new role.
                    .filter(p -> TargetRole.visible(p.createDate, faults, now))
                    .map(WebIdentityTokenVerifier::view);
        }
    }

    private static ProviderView view(OidcProvider p) {
        return new ProviderView(p.arn, List.copyOf(p.clientIds), List.copyOf(p.thumbprints));
    }

    private void verifySignature(SignedJWT jwt, String issuer, List<String> thumbprints) {
        List<JWK> candidates = candidates(jwks.keys(issuer, thumbprints), jwt.getHeader());
        if (candidates.isEmpty()) {
            // The issuer may have rotated its keys since they were cached.
            jwks.forget(issuer);
            candidates = candidates(jwks.keys(issuer, thumbprints), jwt.getHeader());
        }
        if (candidates.isEmpty()) {
            throw StsErrors.noVerificationKey();
        }
        for (JWK key : candidates) {
            if (verifies(jwt, key)) {
                return;
            }
        }
        throw StsErrors.badSignature();
    }

    /** Keys of the header's family, narrowed to the header's key id when it names one. */
    private static List<JWK> candidates(JWKSet keys, JWSHeader header) {
        boolean rsa = JWSAlgorithm.Family.RSA.contains(header.getAlgorithm());
        List<JWK> matching = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            boolean family = rsa ? key instanceof RSAKey : key instanceof ECKey;
            boolean id = header.getKeyID() == null || header.getKeyID().equals(key.getKeyID());
            if (family && id) {
                matching.add(key);
            }
        }
        return matching;
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw StsErrors.tokenNotValidated();
        }
    }

    private static List<String> amr(JWTClaimsSet claims) {
        Object amr = claims.getClaim("amr");
        if (amr instanceof String single) {
            return List.of(single);
        }
        if (amr instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
