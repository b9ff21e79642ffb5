package dev.eksirsa.sandbox.auth;

import java.time.Instant;

/** Outcome of {@link SigV4Verifier#verify(IncomingRequest)}. */
public sealed interface AuthResult {

    /** The request carries no SigV4 authentication at all (no Authorization header, no X-Amz-Credential). */
    record Unsigned() implements AuthResult {}

    /**
     * The signature matches the secret of {@code scope.accessKeyId()}.
     *
     * @param sessionToken the X-Amz-Security-Token sent with the request, or null; the caller must check that it
     *     belongs to the access key and has not expired
     * @param signedAt the signing instant (X-Amz-Date)
     */
    record Verified(SigningScope scope, String sessionToken, Instant signedAt) implements AuthResult {
        @Override
        public String toString() {
            return "Verified[scope=" + scope + ", sessionToken=" + (sessionToken == null ? "none" : "present")
                    + ", signedAt=" + signedAt + "]";
        }
    }

    /** AWS's error for this request: code, message and HTTP status as the real services return them. */
    record Rejected(String code, String message, int status) implements AuthResult {

        public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationToken";
        public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";
        public static final String INVALID_CLIENT_TOKEN_ID = "InvalidClientTokenId";
        public static final String SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";
        public static final String ACCESS_DENIED = "AccessDenied";

        /** What services answer a request that needs authentication but has none. */
        public static Rejected missingAuthenticationToken() {
            return new Rejected(MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token", 403);
        }

        static Rejected incompleteSignature(String message) {
            return new Rejected(INCOMPLETE_SIGNATURE, message, 400);
        }

        static Rejected invalidClientTokenId() {
            return new Rejected(INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid.", 403);
        }

        static Rejected signatureDoesNotMatch() {
            return signatureDoesNotMatch("The request signature we calculated does not match the signature you"
                    + " provided. Check your AWS Secret Access Key and signing method. Consult the service"
                    + " documentation for details.");
        }

        static Rejected signatureDoesNotMatch(String message) {
            return new Rejected(SIGNATURE_DOES_NOT_MATCH, message, 403);
        }

        static Rejected accessDenied(String message) {
            return new Rejected(ACCESS_DENIED, message, 403);
        }
    }
}
