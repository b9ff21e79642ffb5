package dev.eksirsa.sandbox.policy;

/**
 * ArnEquals/ArnLike: the six colon-separated parts of an ARN (arn, partition, service, region, account, resource)
 * are compared one by one, each allowing {@code *} and {@code ?}, case-sensitively. The resource part may itself
 * contain colons, so only the first five separate parts.
 */
final class ArnPattern {

    private static final int PARTS = 6;

    private ArnPattern() {}

    static boolean matches(String pattern, String arn) {
        String[] patternParts = pattern.split(":", PARTS);
        String[] arnParts = arn.split(":", PARTS);
        if (patternParts.length != PARTS || arnParts.length != PARTS) {
            // not ARN-shaped (e.g. a bare "*"): fall back to a plain glob over the whole text
            return Wildcards.matches(pattern, arn, false);
        }
        for (int i = 0; i < PARTS; i++) {
            if (!Wildcards.matches(patternParts[i], arnParts[i], false)) {
                return false;
            }
        }
        return true;
    }
}
