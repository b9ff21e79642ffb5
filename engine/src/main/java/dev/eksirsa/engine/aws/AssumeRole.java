package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import java.time.Duration;
import java.util.Map;

/**
 * A role the connection assumes before doing anything.
 *
 * @param externalId the role's trust condition {@code sts:ExternalId}, or null
 * @param sessionName shows up in CloudTrail; null for {@code eks-irsa} (callers with a build environment pass
 *     {@link #defaultSessionName(Map)})
 * @param duration 15 minutes to 12 hours (a role-to-role chain is capped at 1 hour by AWS)
 */
public record AssumeRole(String roleArn, String externalId, String sessionName, Duration duration) {
    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    private static final Duration MIN = Duration.ofMinutes(15);
    private static final Duration MAX = Duration.ofHours(12);

    public AssumeRole {
        InputRules.roleArn("roleArn", roleArn);
        InputRules.externalId("externalId", externalId);
        sessionName = sessionName == null ? defaultSessionName(Map.of()) : sessionName;
        InputRules.sessionName("sessionName", sessionName);
        duration = duration == null ? DEFAULT_DURATION : duration;
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new InvalidInputException("duration", "must be between 15m and 12h");
        }
    }

    public static AssumeRole of(String roleArn) {
        return new AssumeRole(roleArn, null, null, null);
    }

    /** {@code eks-irsa-} + Jenkins' BUILD_TAG (cut to the 64 characters STS allows), else {@code eks-irsa}. */
    public static String defaultSessionName(Map<String, String> env) {
        String buildTag = env.get("BUILD_TAG");
        if (buildTag == null || buildTag.isBlank()) {
            return "eks-irsa";
        }
        String name = "eks-irsa-" + buildTag.replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
