package dev.eksirsa.sandbox.sts;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.http.Xml;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Issues role-session credentials and renders them as STS's Credentials and AssumedRoleUser elements. */
final class SessionIssuer {
    private final CredentialStore credentials;

    SessionIssuer(CredentialStore credentials) {
        this.credentials = credentials;
    }

    IssuedCredentials issue(TargetRole role, String sessionName, boolean chained, int durationSeconds, Instant now) {
        Instant expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(durationSeconds);
        Caller session =
                Caller.roleSession(role.accountId(), role.arn(), role.roleId(), sessionName, chained, expiresAt);
        return credentials.issueSession(session);
    }

    static Xml credentials(IssuedCredentials issued) {
        return Xml.el("Credentials")
                .add("AccessKeyId", issued.accessKeyId())
                .add("SecretAccessKey", issued.secretAccessKey())
                .add("SessionToken", issued.sessionToken())
                .add("Expiration", DateTimeFormatter.ISO_INSTANT.format(issued.expiresAt()));
    }

    static Xml assumedRoleUser(IssuedCredentials issued) {
        return Xml.el("AssumedRoleUser")
                .add("AssumedRoleId", issued.caller().userId())
                .add("Arn", issued.caller().arn());
    }
}
