package dev.eksirsa.engine.role;

import dev.eksirsa.engine.kube.ServiceAccountRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The default IRSA role name of CLI.md (a contract across versions). */
public final class RoleNames {
    static final int MAX = 64;

    private RoleNames() {}

    /**
     * {@code <cluster>-<namespace>-<serviceaccount>}; longer than 64 characters, it is cut and suffixed with
     * {@code -} and the first 8 hex characters of the SHA-256 of the full name, so that distinct long names stay
     * distinct.
     */
    public static String defaultName(String cluster, ServiceAccountRef serviceAccount) {
        String full = cluster + "-" + serviceAccount.namespace() + "-" + serviceAccount.name();
        if (full.length() <= MAX) {
            return full;
        }
        return full.substring(0, MAX - 9) + "-" + sha256Hex(full).substring(0, 8);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
