package dev.eksirsa.sandbox.auth;

import dev.eksirsa.sandbox.auth.AuthResult.Rejected;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses SigV4 elements from an Authorization header or from presigned-URL query parameters. */
final class AuthParser {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";

    private static final long MAX_EXPIRES_SECONDS = 604_800;

    /** Either parsed elements or the error AWS would answer. */
    record Outcome(AuthParams params, Rejected error) {
        static Outcome ok(AuthParams params) {
            return new Outcome(params, null);
        }

        static Outcome error(Rejected error) {
            return new Outcome(null, error);
        }
    }

    private AuthParser() {}

    static Outcome fromHeader(String authorization, IncomingRequest request) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (algorithm.startsWith("AWS4-") && !algorithm.equals(ALGORITHM)) {
            return Outcome.error(Rejected.incompleteSignature("Unsupported AWS 'algorithm': '" + algorithm + "'"));
        }
        Map<String, String> elements = new LinkedHashMap<>();
        if (algorithm.equals(ALGORITHM)) {
            for (String part :
                    value.substring(space < 0 ? value.length() : space).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    elements.putIfAbsent(
                            part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        Optional<String> amzDate = request.header(X_AMZ_DATE);
        Optional<String> httpDate = request.header("Date");

        List<String> problems = new ArrayList<>();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (isBlank(elements.get(required))) {
                problems.add("Authorization header requires '" + required + "' parameter.");
            }
        }
        if (amzDate.isEmpty() && httpDate.isEmpty()) {
            problems.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!problems.isEmpty()) {
            return Outcome.error(Rejected.incompleteSignature(String.join(" ", problems) + " Authorization=" + value));
        }

        String dateText = amzDate.orElse(null);
        Instant signedAt;
        if (dateText != null) {
            Optional<Instant> parsed = parseAmzDate(dateText);
            if (parsed.isEmpty()) {
                return Outcome.error(badDate(dateText));
            }
            signedAt = parsed.get();
        } else {
            try {
                signedAt = ZonedDateTime.parse(httpDate.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                return Outcome.error(badDate(httpDate.get()));
            }
            dateText = AMZ_DATE.format(signedAt);
        }
        String token = request.header(X_AMZ_SECURITY_TOKEN).orElse(null);
        return finish(
                false,
                elements.get("Credential"),
                elements.get("SignedHeaders"),
                elements.get("Signature"),
                dateText,
                signedAt,
                null,
                token);
    }

    static Outcome fromQuery(RawQuery query) {
        Optional<String> algorithm = query.first(X_AMZ_ALGORITHM);
        Optional<String> credential = query.first(X_AMZ_CREDENTIAL);
        Optional<String> signature = query.first(X_AMZ_SIGNATURE);
        Optional<String> date = query.first(X_AMZ_DATE);
        Optional<String> signedHeaders = query.first(X_AMZ_SIGNED_HEADERS);
        if (Arrays.asList(algorithm, credential, signature, date, signedHeaders).stream()
                .anyMatch(o -> o.isEmpty() || o.get().isBlank())) {
            return Outcome.error(Rejected.incompleteSignature("AWS query-string parameters must include '"
                    + X_AMZ_ALGORITHM + "', '" + X_AMZ_CREDENTIAL + "', '" + X_AMZ_SIGNATURE + "', '" + X_AMZ_DATE
                    + "', '" + X_AMZ_SIGNED_HEADERS + "'. Re-examine the query-string parameters."));
        }
        if (!algorithm.get().equals(ALGORITHM)) {
            return Outcome.error(Rejected.incompleteSignature("X-Amz-Algorithm only supports \"" + ALGORITHM + "\""));
        }
        Optional<Instant> signedAt = parseAmzDate(date.get());
        if (signedAt.isEmpty()) {
            return Outcome.error(badDate(date.get()));
        }
        Long expires = null;
        Optional<String> expiresText = query.first(X_AMZ_EXPIRES);
        if (expiresText.isPresent()) {
            try {
                expires = Long.parseLong(expiresText.get());
            } catch (NumberFormatException e) {
                return Outcome.error(Rejected.incompleteSignature("X-Amz-Expires should be a number"));
            }
            if (expires < 0) {
                return Outcome.error(Rejected.incompleteSignature("X-Amz-Expires must be non-negative"));
            }
            if (expires > MAX_EXPIRES_SECONDS) {
                return Outcome.error(Rejected.incompleteSignature(
                        "X-Amz-Expires must be less than a week (in seconds) that is " + MAX_EXPIRES_SECONDS));
            }
        }
        return finish(
                true,
                credential.get(),
                signedHeaders.get(),
                signature.get(),
                date.get(),
                signedAt.get(),
                expires,
                query.first(X_AMZ_SECURITY_TOKEN).orElse(null));
    }

    /** The credential scope alone, for routing; empty when the request carries no parsable credential. */
    static Optional<SigningScope> peekScope(IncomingRequest request) {
        Optional<String> authorization = request.header("Authorization");
        String credential = null;
        if (authorization.isPresent()) {
            for (String part : authorization.get().trim().split("[ ,]+")) {
                if (part.startsWith("Credential=")) {
                    credential = part.substring("Credential=".length());
                    break;
                }
            }
        } else {
            credential =
                    RawQuery.parse(request.rawQuery()).first(X_AMZ_CREDENTIAL).orElse(null);
        }
        if (credential == null) {
            return Optional.empty();
        }
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !parts[4].equals(TERMINATOR)) {
            return Optional.empty();
        }
        return Optional.of(new SigningScope(parts[0], parts[1], parts[2], parts[3]));
    }

    private static Outcome finish(
            boolean presigned,
            String credential,
            String signedHeaders,
            String signature,
            String amzDate,
            Instant signedAt,
            Long expires,
            String sessionToken) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            return Outcome.error(Rejected.incompleteSignature(
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                            + " got '" + credential + "'"));
        }
        if (!parts[4].equals(TERMINATOR)) {
            return Outcome.error(Rejected.incompleteSignature("Credential should be scoped with a valid terminator: '"
                    + TERMINATOR + "', not '" + parts[4] + "'."));
        }
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty()) {
                return Outcome.error(
                        Rejected.incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g."
                                + " keyid/date/region/service/term, got '" + credential + "'"));
            }
        }
        String day = amzDate.substring(0, 8);
        if (!parts[1].equals(day)) {
            return Outcome.error(Rejected.signatureDoesNotMatch(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + parts[1] + "' != '" + day + "', from '" + amzDate + "'."));
        }
        List<String> headers = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (!name.isBlank()) {
                headers.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        SigningScope scope = new SigningScope(parts[0], parts[1], parts[2], parts[3]);
        return Outcome.ok(
                new AuthParams(presigned, scope, headers, signature, amzDate, signedAt, expires, sessionToken));
    }

    static Optional<Instant> parseAmzDate(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Rejected badDate(String text) {
        return Rejected.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + text
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
