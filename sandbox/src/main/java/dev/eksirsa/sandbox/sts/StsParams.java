package dev.eksirsa.sandbox.sts;

import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates the parameters of one STS call. Constraint violations are collected and reported together,
 * as the service's model validation does ("2 validation errors detected: …; …").
 */
final class StsParams {
    static final int MIN_DURATION = 900;
    static final int MAX_DURATION = 43_200;
    static final int DEFAULT_DURATION = 3600;

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

    private final AwsCall call;
    private final List<String> violations = new ArrayList<>();

    StsParams(AwsCall call) {
        this.call = call;
    }

    String roleArn() {
        String value = required("RoleArn");
        if (value != null) {
            length("RoleArn", value, 20, 2048, true);
        }
        return value;
    }

    String roleSessionName() {
        String value = required("RoleSessionName");
        if (value != null && length("RoleSessionName", value, 2, 64, true)) {
            pattern("RoleSessionName", value, SESSION_NAME, "[\\w+=,.@-]*", true);
        }
        return value;
    }

    /** The requested session length in seconds; 3600 when absent. Bounds against the role are checked later. */
    int durationSeconds() {
        String raw = call.param("DurationSeconds");
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_DURATION;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            // Simplified: AWS rejects a non-numeric value while deserialising; the code here is the closest match.
            violations.add(
                    "Value '" + raw + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
            return DEFAULT_DURATION;
        }
        if (value < MIN_DURATION) {
            violations.add(at("durationSeconds", raw, true) + "Member must have value greater than or equal to "
                    + MIN_DURATION);
        } else if (value > MAX_DURATION) {
            violations.add(
                    at("durationSeconds", raw, true) + "Member must have value less than or equal to " + MAX_DURATION);
        }
        return value;
    }

    /** Optional; the value is not echoed in messages (it is a shared secret between accounts). */
    String externalId() {
        String value = call.param("ExternalId");
        if (value != null && length("ExternalId", value, 2, 1224, false)) {
            pattern("ExternalId", value, EXTERNAL_ID, "[\\w+=,.@:\\/-]*", false);
        }
        return value;
    }

    /** The token is never echoed. */
    String webIdentityToken() {
        String value = required("WebIdentityToken");
        if (value != null) {
            length("WebIdentityToken", value, 4, 20_000, false);
        }
        return value;
    }

    /** Throws the collected violations as one ValidationError. */
    void check() {
        if (violations.isEmpty()) {
            return;
        }
        String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
        throw AwsError.validation(count + " detected: " + String.join("; ", violations));
    }

    private String required(String name) {
        String value = call.param(name);
        if (value == null || value.isEmpty()) {
            violations.add(
                    "Value null at '" + member(name) + "' failed to satisfy constraint: Member must not be null");
            return null;
        }
        return value;
    }

    private boolean length(String name, String value, int min, int max, boolean echo) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            violations.add(at(member(name), value, echo) + "Member must have length greater than or equal to " + min);
            return false;
        }
        if (length > max) {
            violations.add(at(member(name), value, echo) + "Member must have length less than or equal to " + max);
            return false;
        }
        return true;
    }

    private void pattern(String name, String value, Pattern pattern, String shown, boolean echo) {
        if (!pattern.matcher(value).matches()) {
            violations.add(at(member(name), value, echo) + "Member must satisfy regular expression pattern: " + shown);
        }
    }

    private static String at(String member, String value, boolean echo) {
        return (echo ? "Value '" + value + "' at '" : "Value at '") + member + "' failed to satisfy constraint: ";
    }

    private static String member(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
