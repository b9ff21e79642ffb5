package dev.eksirsa.engine.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The naming rule of the ownership contract (README "Default role name"): a name longer than IAM's 64 characters
 * is cut and suffixed with {@code -} and the first 8 hex characters of the SHA-256 of the full name, so distinct
 * long names stay distinct and the same name always gives the same result.
 */
public final class ShortNames {
    public static final int IAM_NAME_LIMIT = 64;

    private ShortNames() {}

    /** {@code name} itself when it fits, else its first 55 characters, {@code -} and {@link #hash8} of it. */
    public static String withinIamLimit(String name) {
        if (name.length() <= IAM_NAME_LIMIT) {
            return name;
        }
        return name.substring(0, IAM_NAME_LIMIT - 9) + "-" + hash8(name);
    }

    /** The first 8 hex characters of the SHA-256 of {@code value} (UTF-8). */
    public static String hash8(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
