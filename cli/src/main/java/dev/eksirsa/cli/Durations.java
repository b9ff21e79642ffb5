package dev.eksirsa.cli;

import dev.eksirsa.engine.api.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them on command lines: {@code 90s}, {@code 20m}, {@code 1h}, {@code 500ms}. */
final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String field, String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidInputException(
                    field, "must be a duration like 500ms, 90s, 20m or 1h, not \"" + text + "\"");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
