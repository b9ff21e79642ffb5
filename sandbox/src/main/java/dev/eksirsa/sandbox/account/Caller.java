package dev.eksirsa.sandbox.account;

import java.time.Instant;

/**
 * The authenticated principal behind a request: an IAM user, or a role session (from AssumeRole or
 * AssumeRoleWithWebIdentity).
 *
 * @param chained true when the session was obtained with another role session's credentials (role chaining)
 */
public record Caller(
        Type type,
        String accountId,
        String arn,
        String userId,
        String roleArn,
        String sessionName,
        boolean chained,
        Instant expiresAt) {

    public enum Type {
        USER,
        ASSUMED_ROLE
    }

    public static Caller user(String accountId, String userArn, String userId) {
        return new Caller(Type.USER, accountId, userArn, userId, null, null, false, null);
    }

    public static Caller roleSession(
            String accountId, String roleArn, String roleId, String sessionName, boolean chained, Instant expiresAt) {
        String sessionArn = roleArn.replaceFirst(
                        "^arn:([^:]+):iam::(\\d+):role/(?:.*/)?([^/]+)$", "arn:$1:sts::$2:assumed-role/$3/")
                + sessionName;
        return new Caller(
                Type.ASSUMED_ROLE,
                accountId,
                sessionArn,
                roleId + ":" + sessionName,
                roleArn,
                sessionName,
                chained,
                expiresAt);
    }

    public boolean isRoleSession() {
        return type == Type.ASSUMED_ROLE;
    }
}
