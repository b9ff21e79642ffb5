package dev.eksirsa.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a real client printed and how it exited. {@link #toString()} is meant for assertion messages: it shows the
 * command, exit code and output with secret-looking values masked.
 */
public record CliResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_JSON_FIELD = Pattern.compile(
            "(\"(?i:secretAccessKey|sessionToken|token|webIdentityToken|password|apiKey|client-key-data)\"\\s*:\\s*)\"[^\"]*\"");
    private static final Pattern SECRET_YAML_FIELD =
            Pattern.compile("((?i:token|password|client-key-data|secretAccessKey|sessionToken):\\s*)\\S+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final List<String> SECRET_FLAGS =
            List.of("--web-identity-token", "--token", "--secret-access-key", "--session-token", "--password");

    public CliResult {
        command = List.copyOf(command);
    }

    /** True when the process exited with 0 before its timeout. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** stdout parsed as JSON; an assertion error naming the command when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stdout is not JSON: " + this, e);
        }
    }

    /** Fails with this result in the message unless the process exited with 0. */
    public CliResult assertOk() {
        if (!ok()) {
            throw new AssertionError("command failed: " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return redact(redactedCommand())
                + " -> "
                + (timedOut ? "timed out" : "exit " + exitCode)
                + "\n--- stdout ---\n"
                + redact(stdout)
                + "\n--- stderr ---\n"
                + redact(stderr);
    }

    private String redactedCommand() {
        StringBuilder line = new StringBuilder();
        boolean maskNext = false;
        for (String arg : command) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(maskNext ? "****" : arg);
            maskNext = SECRET_FLAGS.contains(arg);
        }
        return line.toString();
    }

    /** Masks secret keys, tokens and JWTs in client output. */
    static String redact(String text) {
        String masked = SECRET_JSON_FIELD.matcher(text).replaceAll("$1\"****\"");
        masked = SECRET_YAML_FIELD.matcher(masked).replaceAll("$1****");
        return JWT.matcher(masked).replaceAll("****");
    }
}
