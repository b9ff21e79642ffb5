package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InvalidInputException;
import java.io.Serializable;

/**
 * AWS keys a credentials store handed out for one run (Jenkins' aws-credentials, or username/password as access
 * key/secret key), optionally with the role that store says to assume. Held in memory only, sent to an agent
 * inside a step call, never printed: {@link #toString()} shows the key id alone.
 *
 * @param sessionToken null for long-term keys
 * @param roleArn null when the store names no role to assume
 */
public record StoredCredentials(
        String accessKeyId, String secretAccessKey, String sessionToken, String roleArn, String externalId)
        implements Serializable {

    public StoredCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new InvalidInputException("credentialsId", "the credentials hold no access key and secret key");
        }
    }

    public static StoredCredentials keys(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new StoredCredentials(accessKeyId, secretAccessKey, sessionToken, null, null);
    }

    CredentialsSource source() {
        return CredentialsSource.staticKeys(accessKeyId, secretAccessKey, sessionToken);
    }

    @Override
    public String toString() {
        return "StoredCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****, sessionToken="
                + (sessionToken == null ? "none" : "****") + (roleArn == null ? "" : ", roleArn=" + roleArn) + "]";
    }
}
