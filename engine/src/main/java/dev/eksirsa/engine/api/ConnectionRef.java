package dev.eksirsa.engine.api;

import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.ConnectionResolver;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Which AWS credentials a step uses, by reference only: the default chain, a profile, a Jenkins credentials id, or
 * the names of environment variables holding keys; optionally a role to assume first, a region and an endpoint. A
 * caller's {@link ConnectionResolver} turns it into an {@link AwsConnection} when the step runs. It never holds a
 * key, so it may be printed, stored in a spec and sent to an agent.
 *
 * @param credentialsEnv names of variables in the environment the caller passes, never their values
 * @param region null for the caller's environment ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION})
 */
public record ConnectionRef(
        String profile,
        String credentialsId,
        CredentialsEnv credentialsEnv,
        String roleArn,
        String externalId,
        String sessionName,
        Duration duration,
        String region,
        URI endpointUrl) {

    /** The caller's default credentials and region, no role to assume. */
    public static final ConnectionRef DEFAULT = new ConnectionRef(null, null, null, null, null, null, null, null, null);

    public ConnectionRef {
        if (profile != null && profile.isBlank()) {
            throw new InvalidInputException("profile", "must not be blank");
        }
        if (credentialsId != null && credentialsId.isBlank()) {
            throw new InvalidInputException("credentialsId", "must not be blank");
        }
        int sources = (profile == null ? 0 : 1) + (credentialsId == null ? 0 : 1) + (credentialsEnv == null ? 0 : 1);
        if (sources > 1) {
            throw new InvalidInputException(
                    credentialsId != null ? "credentialsId" : "credentialsEnv",
                    "give at most one of profile, credentialsId and credentialsEnv");
        }
        if (roleArn != null) {
            InputRules.roleArn("roleArn", roleArn);
        } else if (externalId != null || sessionName != null || duration != null) {
            throw new InvalidInputException(
                    externalId != null ? "externalId" : sessionName != null ? "sessionName" : "duration",
                    "is only used with roleArn (a role to assume first)");
        }
        if (region != null) {
            InputRules.region("region", region);
        }
        if (endpointUrl != null
                && (endpointUrl.getHost() == null
                        || !("https".equals(endpointUrl.getScheme()) || "http".equals(endpointUrl.getScheme())))) {
            throw new InvalidInputException("endpointUrl", "must be an http or https URL with a host");
        }
    }

    public static ConnectionRef profile(String name) {
        return new ConnectionRef(name, null, null, null, null, null, null, null, null);
    }

    public static ConnectionRef assumeRole(String roleArn, String externalId) {
        return new ConnectionRef(null, null, null, roleArn, externalId, null, null, null, null);
    }

    public static ConnectionRef credentialsEnv(CredentialsEnv names) {
        return new ConnectionRef(null, null, names, null, null, null, null, null, null);
    }

    public ConnectionRef withRegion(String value) {
        return new ConnectionRef(
                profile, credentialsId, credentialsEnv, roleArn, externalId, sessionName, duration, value, endpointUrl);
    }

    public ConnectionRef withEndpointUrl(URI value) {
        return new ConnectionRef(
                profile, credentialsId, credentialsEnv, roleArn, externalId, sessionName, duration, region, value);
    }

    /**
     * The connection keys of one argument map (those it declares: a step's top level, or a target's
     * {@code connection}); errors carry the map's key path.
     */
    public static ConnectionRef fromArguments(Arguments a) {
        return a.within(
                "",
                () -> new ConnectionRef(
                        read(a, "profile"),
                        read(a, "credentialsId"),
                        a.declares("credentialsEnv") && a.has("credentialsEnv")
                                ? CredentialsEnv.fromArguments(a.object("credentialsEnv"))
                                : null,
                        read(a, "roleArn"),
                        read(a, "externalId"),
                        read(a, "sessionName"),
                        a.declares("duration") ? a.duration("duration") : null,
                        read(a, "region"),
                        a.declares("endpointUrl") && a.has("endpointUrl")
                                ? uri(a.path("endpointUrl"), a.string("endpointUrl"))
                                : null));
    }

    private static String read(Arguments a, String name) {
        return a.declares(name) ? a.string(name) : null;
    }

    private static URI uri(String field, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "must be an http or https URL with a host");
        }
    }

    @Override
    public String toString() {
        return "ConnectionRef["
                + (profile != null
                        ? "profile=" + profile
                        : credentialsId != null
                                ? "credentialsId=" + credentialsId
                                : credentialsEnv != null ? "credentialsEnv=" + credentialsEnv : "default chain")
                + (roleArn == null ? "" : ", roleArn=" + roleArn + (externalId == null ? "" : ", externalId=****"))
                + (region == null ? "" : ", region=" + region)
                + (endpointUrl == null ? "" : ", endpointUrl=" + endpointUrl) + "]";
    }

    /** Names of environment variables that hold keys; the values are read only by the resolver. */
    public record CredentialsEnv(String accessKeyId, String secretAccessKey, String sessionToken) {
        private static final java.util.regex.Pattern VARIABLE =
                java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

        public CredentialsEnv {
            variable("accessKeyId", accessKeyId);
            variable("secretAccessKey", secretAccessKey);
            if (sessionToken != null) {
                variable("sessionToken", sessionToken);
            }
        }

        static CredentialsEnv fromArguments(Arguments a) {
            return a.within(
                    "",
                    () -> new CredentialsEnv(
                            a.string("accessKeyId"), a.string("secretAccessKey"), a.string("sessionToken")));
        }

        private static final java.util.regex.Pattern ACCESS_KEY_ID =
                java.util.regex.Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");

        private static void variable(String field, String name) {
            if (name == null || !VARIABLE.matcher(name).matches()) {
                throw new InvalidInputException(field, "must name an environment variable ([A-Za-z_][A-Za-z0-9_]*)");
            }
            if (looksLikeAKey(name)) {
                // the name is printed when the variable is unset: a key pasted here would be too
                throw new InvalidInputException(
                        field, "must name an environment variable, not hold a key (keys never go into a spec)");
            }
        }

        /** An access key id, or 32 or more characters mixing lower case, upper case and digits as keys do. */
        private static boolean looksLikeAKey(String name) {
            return ACCESS_KEY_ID.matcher(name).matches()
                    || name.length() >= 32
                            && name.chars().anyMatch(Character::isLowerCase)
                            && name.chars().anyMatch(Character::isUpperCase)
                            && name.chars().anyMatch(Character::isDigit);
        }

        @Override
        public String toString() {
            return "{" + accessKeyId + ", " + secretAccessKey + (sessionToken == null ? "" : ", " + sessionToken) + "}";
        }
    }
}
