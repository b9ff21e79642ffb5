package dev.eksirsa.sandbox.http;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.auth.AuthResult;
import dev.eksirsa.sandbox.auth.IncomingRequest;
import dev.eksirsa.sandbox.auth.SigV4Verifier;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Turns a signed request into its {@link Caller}: signature, session token and expiry as AWS checks them. */
public final class CallerAuthenticator {
    private final CredentialStore credentials;
    private final SigV4Verifier verifier;

    public CallerAuthenticator(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        // IAM, STS, EKS and EC2 allow 15 minutes of clock skew (S3 allows 5).
        this.verifier =
                new SigV4Verifier(credentials::secretFor, clock).withMaxClockSkew(java.time.Duration.ofMinutes(15));
    }

    /** The caller, or empty for an unsigned request; throws the AWS error for a bad signature or token. */
    public Optional<Caller> authenticate(AwsRequest request) {
        AuthResult result = verifier.verify(incoming(request));
        if (result instanceof AuthResult.Unsigned) {
            return Optional.empty();
        }
        if (result instanceof AuthResult.Rejected rejected) {
            throw new AwsError(rejected.status(), rejected.code(), rejected.message());
        }
        AuthResult.Verified verified = (AuthResult.Verified) result;
        IssuedCredentials issued =
                credentials.find(verified.scope().accessKeyId()).orElseThrow(() -> invalidToken());
        if (issued.sessionToken() != null && !Objects.equals(issued.sessionToken(), verified.sessionToken())) {
            throw invalidToken();
        }
        if (credentials.expired(issued)) {
            throw new AwsError(403, "ExpiredToken", "The security token included in the request is expired");
        }
        return Optional.of(issued.caller());
    }

    public static IncomingRequest incoming(AwsRequest request) {
        return new IncomingRequest(
                request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body());
    }

    private static AwsError invalidToken() {
        return new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }
}
