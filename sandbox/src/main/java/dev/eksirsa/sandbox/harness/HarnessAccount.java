package dev.eksirsa.sandbox.harness;

import java.security.SecureRandom;
import java.util.Base64;

/** The one Harness account the sandbox serves, and its API key (never printed). */
public record HarnessAccount(String accountId, String apiKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Ids shaped like Harness's (22 URL-safe characters); keys like its personal access tokens. */
    public static HarnessAccount create() {
        String id = random(16).substring(0, 22);
        return new HarnessAccount(id, "pat." + id + "." + random(12).substring(0, 16) + "." + random(15));
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(b)
                .replace('-', 'x')
                .replace('_', 'y');
    }

    @Override
    public String toString() {
        return "HarnessAccount[accountId=" + accountId + ", apiKey=****]";
    }
}
