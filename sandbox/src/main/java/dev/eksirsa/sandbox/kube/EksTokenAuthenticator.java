package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.auth.AuthResult;
import dev.eksirsa.sandbox.auth.IncomingRequest;
import dev.eksirsa.sandbox.auth.SigV4Verifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies EKS bearer tokens ({@code k8s-aws-v1.} + base64url of a presigned STS GetCallerIdentity URL) the way
 * aws-iam-authenticator and STS together do, but locally: the signature is recomputed with the sandbox's key
 * material, so the STS host named in the URL does not matter.
 */
public final class EksTokenAuthenticator {
    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final Set<String> ALLOWED_PARAMS = Set.of(
            "action",
            "version",
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-expires",
            "x-amz-signedheaders",
            "x-amz-security-token",
            "x-amz-signature");

    private final CredentialStore credentials;
    private final SigV4Verifier verifier;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    public EksTokenAuthenticator(CredentialStore credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.verifier = new SigV4Verifier(credentials::secretFor, clock).withPresignedValidity("sts", VALIDITY);
    }

    /** The principal behind an {@code Authorization} header value for {@code clusterName}, or empty (401). */
    public Optional<KubePrincipal> authenticate(String authorizationHeader, String clusterName) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).trim();
        if (!token.startsWith(PREFIX) || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Optional<URI> url = decode(token.substring(PREFIX.length()));
        if (url.isEmpty() || !wellFormed(url.get())) {
            return Optional.empty();
        }
        URI uri = url.get();
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of(uri.getRawAuthority()));
        headers.put(CLUSTER_ID_HEADER, List.of(clusterName));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        AuthResult result = verifier.verify(new IncomingRequest("GET", path, uri.getRawQuery(), headers, null));
        if (!(result instanceof AuthResult.Verified verified)
                || !"sts".equals(verified.scope().service())) {
            return Optional.empty();
        }
        Optional<KubePrincipal> principal = credentials
                .find(verified.scope().accessKeyId())
                .filter(issued -> sessionMatches(issued, verified.sessionToken()))
                .filter(issued -> !credentials.expired(issued))
                .map(issued -> principal(issued.caller()));
        principal.ifPresent(p -> accepted.add(token));
        return principal;
    }

    /** Every bearer token accepted so far. */
    public Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    private static boolean sessionMatches(IssuedCredentials issued, String presented) {
        return issued.sessionToken() == null
                ? presented == null
                : issued.sessionToken().equals(presented);
    }

    private static KubePrincipal principal(Caller caller) {
        return new KubePrincipal(
                caller.accountId(), caller.arn(), caller.isRoleSession() ? caller.roleArn() : caller.arn());
    }

    private static Optional<URI> decode(String encoded) {
        try {
            String url = new String(Base64.getUrlDecoder().decode(stripPadding(encoded)), StandardCharsets.UTF_8);
            return Optional.of(new URI(url));
        } catch (IllegalArgumentException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean wellFormed(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())
                || uri.getRawAuthority() == null
                || uri.getRawQuery() == null
                || uri.getRawUserInfo() != null) {
            return false;
        }
        String action = null;
        String signedHeaders = null;
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            String key = name.toLowerCase(java.util.Locale.ROOT);
            if (!ALLOWED_PARAMS.contains(key)) {
                return false;
            }
            if (key.equals("action")) {
                action = value;
            } else if (key.equals("x-amz-signedheaders")) {
                signedHeaders = value;
            } else if (key.equals("x-amz-expires") && !validExpires(value)) {
                return false;
            }
        }
        return "GetCallerIdentity".equals(action)
                && signedHeaders != null
                && List.of(signedHeaders.toLowerCase(java.util.Locale.ROOT).split(";"))
                        .contains(CLUSTER_ID_HEADER);
    }

    private static boolean validExpires(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 && seconds <= VALIDITY.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
