package dev.eksirsa.sandbox.auth;

import dev.eksirsa.sandbox.auth.AuthResult.Rejected;
import dev.eksirsa.sandbox.auth.AuthResult.Unsigned;
import dev.eksirsa.sandbox.auth.AuthResult.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 on incoming requests, both header-signed and presigned (query-string auth),
 * by recomputing the signature with the AWS SDK v2 signer and comparing in constant time.
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods return adjusted copies.
 */
public final class SigV4Verifier {

    /** How far a header-signed request's X-Amz-Date may be from the verifier's clock. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final SecretLookup secrets;
    private final Clock clock;
    private final Duration maxClockSkew;
    private final Map<String, Duration> presignedValidity;

    public SigV4Verifier(SecretLookup secrets, Clock clock) {
        this(secrets, clock, DEFAULT_MAX_CLOCK_SKEW, Map.of());
    }

    private SigV4Verifier(
            SecretLookup secrets, Clock clock, Duration maxClockSkew, Map<String, Duration> presignedValidity) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        this.presignedValidity = Map.copyOf(presignedValidity);
    }

    /** A copy accepting header-signed requests whose X-Amz-Date is at most {@code skew} away from the clock. */
    public SigV4Verifier withMaxClockSkew(Duration skew) {
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative");
        }
        return new SigV4Verifier(secrets, clock, skew, presignedValidity);
    }

    /**
     * A copy that treats presigned requests for {@code service} as valid for {@code validity} after X-Amz-Date,
     * whatever their X-Amz-Expires says. Real STS does this for the EKS bearer token (presigned with
     * X-Amz-Expires=60 yet accepted for 15 minutes), so the token authenticator wants
     * {@code withPresignedValidity("sts", Duration.ofMinutes(15))}.
     */
    public SigV4Verifier withPresignedValidity(String service, Duration validity) {
        Map<String, Duration> copy = new HashMap<>(presignedValidity);
        copy.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(validity, "validity"));
        return new SigV4Verifier(secrets, clock, maxClockSkew, copy);
    }

    /** Parses the credential scope without verifying anything, e.g. to route a request by service. */
    public static Optional<SigningScope> peekScope(IncomingRequest request) {
        return AuthParser.peekScope(request);
    }

    public AuthResult verify(IncomingRequest request) {
        Optional<String> authorization = request.header("Authorization");
        RawQuery query = RawQuery.parse(request.rawQuery());
        boolean queryAuth = query.has(AuthParser.X_AMZ_CREDENTIAL)
                || query.has(AuthParser.X_AMZ_ALGORITHM)
                || query.has(AuthParser.X_AMZ_SIGNATURE);
        if (authorization.isEmpty() && !queryAuth) {
            return new Unsigned();
        }
        if (authorization.isPresent() && authorization.get().isBlank() && !queryAuth) {
            return Rejected.missingAuthenticationToken();
        }
        if (authorization.isPresent() && queryAuth) {
            return Rejected.incompleteSignature("Only one auth mechanism allowed; only the X-Amz-Algorithm query"
                    + " parameter or the Authorization header should be specified");
        }

        AuthParser.Outcome parsed = authorization.isPresent()
                ? AuthParser.fromHeader(authorization.get(), request)
                : AuthParser.fromQuery(query);
        if (parsed.error() != null) {
            return parsed.error();
        }
        AuthParams auth = parsed.params();

        Optional<String> secret = secrets.secretFor(auth.scope().accessKeyId());
        if (secret.isEmpty()) {
            return Rejected.invalidClientTokenId();
        }
        Rejected timeProblem = checkTime(auth);
        if (timeProblem != null) {
            return timeProblem;
        }

        Optional<SdkSignatures.Computed> computed;
        try {
            computed = SdkSignatures.compute(request, query, auth, secret.get());
        } catch (RuntimeException e) {
            // A request the signer cannot even canonicalise (odd method, unparsable path) cannot match.
            return Rejected.signatureDoesNotMatch();
        }
        if (computed.isEmpty()
                || !computed.get().signedHeaders().equals(auth.signedHeadersString())
                || !constantTimeEquals(computed.get().signature(), auth.signature())) {
            return Rejected.signatureDoesNotMatch();
        }
        return new Verified(auth.scope(), auth.sessionToken(), auth.signedAt());
    }

    private Rejected checkTime(AuthParams auth) {
        Instant now = clock.instant();
        Instant signedAt = auth.signedAt();
        if (auth.presigned()) {
            Duration validity = presignedValidity.get(auth.scope().service());
            if (validity == null && auth.expiresSeconds() != null) {
                validity = Duration.ofSeconds(auth.expiresSeconds());
            }
            if (validity == null) {
                validity = maxClockSkew;
            }
            if (now.isAfter(signedAt.plus(validity))) {
                return Rejected.accessDenied("Request has expired");
            }
            if (signedAt.isAfter(now.plus(maxClockSkew))) {
                return Rejected.accessDenied("Request is not yet valid");
            }
            return null;
        }
        String window = maxClockSkew.toMinutes() + " min.";
        if (signedAt.isBefore(now.minus(maxClockSkew))) {
            return Rejected.signatureDoesNotMatch("Signature expired: " + auth.amzDate() + " is now earlier than "
                    + format(now.minus(maxClockSkew)) + " (" + format(now) + " - " + window + ")");
        }
        if (signedAt.isAfter(now.plus(maxClockSkew))) {
            return Rejected.signatureDoesNotMatch("Signature not yet current: " + auth.amzDate()
                    + " is still later than " + format(now.plus(maxClockSkew)) + " (" + format(now) + " + "
                    + window + ")");
        }
        return null;
    }

    private static String format(Instant instant) {
        return AuthParser.AMZ_DATE.format(instant);
    }

    private static boolean constantTimeEquals(String expected, String provided) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SigV4Verifier[maxClockSkew=" + maxClockSkew + ", presignedValidity=" + presignedValidity + "]";
    }
}
