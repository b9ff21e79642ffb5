package dev.eksirsa.testkit;

import java.util.Objects;

/** Access keys for a real client; {@link #toString()} shows the key id only. */
public record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {

    public AwsKeys {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Long-term keys (no session token). */
    public static AwsKeys of(String accessKeyId, String secretAccessKey) {
        return new AwsKeys(accessKeyId, secretAccessKey, null);
    }

    @Override
    public String toString() {
        return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
