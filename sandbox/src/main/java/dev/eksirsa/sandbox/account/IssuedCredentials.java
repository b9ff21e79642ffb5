package dev.eksirsa.sandbox.account;

import java.time.Instant;

/** A key pair the sandbox handed out, with the principal it stands for. */
public record IssuedCredentials(
        String accessKeyId, String secretAccessKey, String sessionToken, Caller caller, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedCredentials[accessKeyId=" + accessKeyId + ", caller=" + caller.arn() + ", secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
