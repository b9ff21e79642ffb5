package dev.eksirsa.sandbox.sts;

import dev.eksirsa.sandbox.http.AwsError;
import java.time.Instant;

/** STS's errors, worded as STS words them. None of them ever carries a token or a secret. */
final class StsErrors {
    static final String VERSION = "2011-06-15";

    /** What STS answers when the IdP's keys cannot be had; the double space is STS's own. */
    static final String NO_VERIFICATION_KEY = "Couldn't retrieve verification key from your identity provider,  "
            + "please reference AssumeRoleWithWebIdentity documentation for requirements";

    private StsErrors() {}

    static AwsError invalidAction(String action, String version) {
        return new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
    }

    static AwsError missingAction() {
        return new AwsError(400, "MissingAction", "The request is missing an action or a required parameter.");
    }

    static AwsError assumeRoleDenied(String callerArn, String roleArn) {
        return AwsError.accessDenied(
                "User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    static AwsError webIdentityDenied() {
        return AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    static AwsError exceedsMaxSessionDuration() {
        return AwsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    static AwsError exceedsChainingLimit() {
        return AwsError.validation(
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }

    static AwsError invalidIdentityToken(String message) {
        return new AwsError(400, "InvalidIdentityToken", message);
    }

    /** STS's documented description of InvalidIdentityToken; used where its exact wording is not known. */
    static AwsError tokenNotValidated() {
        return invalidIdentityToken("The web identity token that was passed could not be validated by AWS. "
                + "Get a new identity token from the identity provider and then retry the request.");
    }

    static AwsError noProvider(String issuer) {
        return invalidIdentityToken("No OpenIDConnect provider found in your account for " + issuer);
    }

    static AwsError noVerificationKey() {
        return invalidIdentityToken(NO_VERIFICATION_KEY);
    }

    static AwsError badSignature() {
        return invalidIdentityToken("Couldn't verify the token signature");
    }

    static AwsError incorrectAudience() {
        return invalidIdentityToken("Incorrect token audience");
    }

    static AwsError thumbprintMismatch() {
        return invalidIdentityToken("OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
    }

    static AwsError idpUnreachable() {
        return new AwsError(400, "IDPCommunicationError", NO_VERIFICATION_KEY);
    }

    static AwsError tokenExpired(Instant now, Instant expiration) {
        return new AwsError(
                400,
                "ExpiredTokenException",
                "Token expired: current date/time " + now.getEpochSecond() + " must be before the expiration date/time "
                        + expiration.getEpochSecond());
    }
}
