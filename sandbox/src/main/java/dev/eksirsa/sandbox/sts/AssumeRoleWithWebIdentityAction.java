package dev.eksirsa.sandbox.sts;

import com.nimbusds.jwt.SignedJWT;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import dev.eksirsa.sandbox.iam.IamStore;
import dev.eksirsa.sandbox.policy.Decision;
import dev.eksirsa.sandbox.policy.PolicyEvaluator;
import dev.eksirsa.sandbox.policy.PrincipalRef;
import dev.eksirsa.sandbox.policy.RequestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sts:AssumeRoleWithWebIdentity, unsigned: the token is the credential. Once the token is verified, the role's trust
 * policy alone decides, with the token's claims as {@code <issuer-host-path>:sub} / {@code :aud} / {@code :amr}.
 */
final class AssumeRoleWithWebIdentityAction {
    static final String ACTION = "sts:AssumeRoleWithWebIdentity";

    private final Clock clock;
    private final IamStore iam;
    private final Faults faults;
    private final WebIdentityTokenVerifier verifier;
    private final SessionIssuer sessions;

    AssumeRoleWithWebIdentityAction(
            Clock clock, IamStore iam, Faults faults, WebIdentityTokenVerifier verifier, SessionIssuer sessions) {
        this.clock = clock;
        this.iam = iam;
        this.faults = faults;
        this.verifier = verifier;
        this.sessions = sessions;
    }

    Xml handle(AwsCall call) {
        StsParams params = new StsParams(call);
        String roleArn = params.roleArn();
        String sessionName = params.roleSessionName();
        int duration = params.durationSeconds();
        String token = params.webIdentityToken();
        params.check();
        call.target(roleArn);
        Optional<String> roleAccountId = IamStore.accountOf(roleArn);

        SignedJWT jwt = WebIdentityTokenVerifier.parse(token);
        // The log names who presents the token even when verification then fails.
        call.presentedPrincipal(
                WebIdentityTokenVerifier.unverifiedSubject(jwt).orElse(null), roleAccountId.orElse(null));

        Instant now = Instant.now(clock);
        VerifiedWebIdentity identity = verifier.verify(jwt, roleAccountId.flatMap(iam::account), now);
        TargetRole role = TargetRole.find(iam, faults, roleArn, now).orElseThrow(StsErrors::webIdentityDenied);
        if (!trusted(role, identity, sessionName)) {
            throw StsErrors.webIdentityDenied();
        }
        if (duration > role.maxSessionDuration()) {
            throw StsErrors.exceedsMaxSessionDuration();
        }

        IssuedCredentials issued = sessions.issue(role, sessionName, false, duration, now);
        // Simplified: Policy, PolicyArns and ProviderId are ignored; no SourceIdentity or session tags from claims.
        // Element order as real STS answers; Provider is the IAM provider's ARN (its docs say "the iss field").
        return QueryProtocol.result("AssumeRoleWithWebIdentity")
                .add("Audience", identity.matchedAudience())
                .add(SessionIssuer.assumedRoleUser(issued))
                .add("Provider", identity.providerArn())
                .add(SessionIssuer.credentials(issued))
                .add("SubjectFromWebIdentityToken", identity.subject());
    }

    private static boolean trusted(TargetRole role, VerifiedWebIdentity identity, String sessionName) {
        if (role.trustPolicy() == null) {
            return false;
        }
        RequestContext context = new RequestContext(
                ACTION, role.arn(), PrincipalRef.federated(identity.providerArn()), keys(identity, sessionName));
        return PolicyEvaluator.evaluate(role.trustPolicy(), context) == Decision.ALLOW;
    }

    private static Map<String, List<String>> keys(VerifiedWebIdentity identity, String sessionName) {
        String prefix = identity.hostAndPath() + ":";
        Map<String, List<String>> keys = new HashMap<>();
        if (identity.subject() != null) {
            keys.put(prefix + "sub", List.of(identity.subject()));
        }
        keys.put(prefix + "aud", identity.audiences());
        if (!identity.amr().isEmpty()) {
            keys.put(prefix + "amr", identity.amr());
        }
        keys.put("sts:RoleSessionName", List.of(sessionName));
        return keys;
    }
}
