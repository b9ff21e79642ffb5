package dev.eksirsa.sandbox.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifiers in AWS's formats: 12-digit accounts, AKIA/ASIA key ids, AROA/AIDA unique ids. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Ids() {}

    public static String accountId() {
        StringBuilder id = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 0; i < 11; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    /** {@code AKIA} for long-term user keys, {@code ASIA} for session keys; 20 characters in all. */
    public static String accessKeyId(String prefix) {
        return prefix + upper(16);
    }

    /** Unique ids of IAM entities: AROA (role), AIDA (user), ANPA (policy); 21 characters. */
    public static String uniqueId(String prefix) {
        return prefix + upper(17);
    }

    public static String secretAccessKey() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static String sessionToken() {
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        return "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(bytes);
    }

    public static String requestId() {
        return UUID.randomUUID().toString();
    }

    public static String hex(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append("0123456789ABCDEF".charAt(RANDOM.nextInt(16)));
        }
        return s.toString();
    }

    private static String upper(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(UPPER_ALNUM.charAt(RANDOM.nextInt(UPPER_ALNUM.length())));
        }
        return s.toString();
    }
}
