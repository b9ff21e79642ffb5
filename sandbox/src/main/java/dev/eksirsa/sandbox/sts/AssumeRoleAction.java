package dev.eksirsa.sandbox.sts;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import dev.eksirsa.sandbox.iam.Authorizer;
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

/**
 * sts:AssumeRole. Allowed when nothing explicitly denies it, the role's trust policy allows the caller, and — across
 * accounts always, within the account unless the trust policy names the caller itself — the caller's identity
 * policies allow sts:AssumeRole on the role.
 */
final class AssumeRoleAction {
    static final String ACTION = "sts:AssumeRole";
    /** AWS caps a session obtained with another role session's credentials at one hour. */
    static final int CHAINED_MAX_DURATION = 3600;

    private final Clock clock;
    private final IamStore iam;
    private final Authorizer authorizer;
    private final Faults faults;
    private final SessionIssuer sessions;

    AssumeRoleAction(Clock clock, IamStore iam, Authorizer authorizer, Faults faults, SessionIssuer sessions) {
        this.clock = clock;
        this.iam = iam;
        this.authorizer = authorizer;
        this.faults = faults;
        this.sessions = sessions;
    }

    Xml handle(AwsCall call) {
        Caller caller = call.requireCaller();
        StsParams params = new StsParams(call);
        String roleArn = params.roleArn();
        String sessionName = params.roleSessionName();
        int duration = params.durationSeconds();
        String externalId = params.externalId();
        params.check();
        call.target(roleArn);

        Instant now = Instant.now(clock);
        TargetRole role = TargetRole.find(iam, faults, roleArn, now)
                .orElseThrow(() -> StsErrors.assumeRoleDenied(caller.arn(), roleArn));
        if (!allowed(caller, role, sessionName, externalId)) {
            throw StsErrors.assumeRoleDenied(caller.arn(), roleArn);
        }
        boolean chained = caller.isRoleSession();
        if (chained && duration > CHAINED_MAX_DURATION) {
            throw StsErrors.exceedsChainingLimit();
        }
        if (duration > role.maxSessionDuration()) {
            throw StsErrors.exceedsMaxSessionDuration();
        }

        IssuedCredentials issued = sessions.issue(role, sessionName, chained, duration, now);
        // Simplified: Policy, PolicyArns, Tags, TransitiveTagKeys, SourceIdentity and MFA parameters are ignored.
        return QueryProtocol.result("AssumeRole")
                .add(SessionIssuer.assumedRoleUser(issued))
                .add(SessionIssuer.credentials(issued));
    }

    private boolean allowed(Caller caller, TargetRole role, String sessionName, String externalId) {
        Map<String, List<String>> keys = requestKeys(caller, sessionName, externalId);
        Decision identity = authorizer.decide(caller, ACTION, role.arn(), keys);
        if (identity == Decision.EXPLICIT_DENY || role.trustPolicy() == null) {
            return false;
        }
        RequestContext trustContext = new RequestContext(ACTION, role.arn(), principal(caller, true), keys);
        if (PolicyEvaluator.evaluate(role.trustPolicy(), trustContext) != Decision.ALLOW) {
            return false;
        }
        if (identity == Decision.ALLOW) {
            return true;
        }
        if (!caller.accountId().equals(role.accountId())) {
            return false;
        }
        // Within one account a trust policy naming the caller grants on its own. For a role session that means its
        // session ARN; naming only the role (or the account) leaves it to the session's identity policies.
        RequestContext direct = new RequestContext(ACTION, role.arn(), principal(caller, false), keys);
        return PolicyEvaluator.trustNamesCallerDirectly(role.trustPolicy(), direct);
    }

    /** The caller as the trust policy sees it; {@code withRole}: a session is also named by its role's ARN. */
    private static PrincipalRef principal(Caller caller, boolean withRole) {
        return caller.isRoleSession() && withRole
                ? PrincipalRef.aws(caller.accountId(), caller.arn(), caller.roleArn())
                : PrincipalRef.aws(caller.accountId(), caller.arn());
    }

    private static Map<String, List<String>> requestKeys(Caller caller, String sessionName, String externalId) {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("aws:PrincipalArn", List.of(caller.isRoleSession() ? caller.roleArn() : caller.arn()));
        keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
        keys.put("aws:PrincipalType", List.of(caller.isRoleSession() ? "AssumedRole" : "User"));
        keys.put("aws:userid", List.of(caller.userId()));
        keys.put("sts:RoleSessionName", List.of(sessionName));
        if (externalId != null) {
            keys.put("sts:ExternalId", List.of(externalId));
        }
        return keys;
    }
}
