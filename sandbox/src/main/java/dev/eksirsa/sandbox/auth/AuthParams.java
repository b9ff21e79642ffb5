package dev.eksirsa.sandbox.auth;

import java.time.Instant;
import java.util.List;

/**
 * The SigV4 authentication elements of a request, parsed but not verified.
 *
 * @param presigned true for query-string authentication
 * @param signedHeaders lower-case header names, in the order the client listed them
 * @param amzDate the signing time as sent ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param expiresSeconds X-Amz-Expires for presigned requests, or null
 */
record AuthParams(
        boolean presigned,
        SigningScope scope,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        Instant signedAt,
        Long expiresSeconds,
        String sessionToken) {

    AuthParams {
        signedHeaders = List.copyOf(signedHeaders);
    }

    String signedHeadersString() {
        return String.join(";", signedHeaders);
    }

    @Override
    public String toString() {
        return "AuthParams[presigned=" + presigned + ", scope=" + scope + ", signedHeaders=" + signedHeadersString()
                + ", amzDate=" + amzDate + "]";
    }
}
