package dev.eksirsa.sandbox.sts;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.http.AwsService;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import dev.eksirsa.sandbox.iam.Authorizer;
import dev.eksirsa.sandbox.iam.IamStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/** The sandbox's STS: GetCallerIdentity, AssumeRole and AssumeRoleWithWebIdentity over the query protocol. */
public final class StsService implements AwsService {
    private static final Set<String> ACTIONS = Set.of("GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity");

    private final String region;
    private final QueryProtocol protocol = new QueryProtocol("https://sts.amazonaws.com/doc/2011-06-15/");
    private final AssumeRoleAction assumeRole;
    private final AssumeRoleWithWebIdentityAction assumeRoleWithWebIdentity;

    public StsService(
            String region,
            Clock clock,
            IamStore iam,
            Authorizer authorizer,
            CredentialStore credentials,
            Faults faults,
            JwksResolver jwks) {
        this.region = Objects.requireNonNull(region, "region");
        SessionIssuer sessions = new SessionIssuer(Objects.requireNonNull(credentials, "credentials"));
        this.assumeRole = new AssumeRoleAction(clock, iam, authorizer, faults, sessions);
        this.assumeRoleWithWebIdentity = new AssumeRoleWithWebIdentityAction(
                clock,
                iam,
                faults,
                new WebIdentityTokenVerifier(Objects.requireNonNull(jwks, "jwks"), faults),
                sessions);
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public String actionOf(AwsRequest request) {
        String action = request.param("Action").filter(a -> !a.isEmpty()).orElseThrow(StsErrors::missingAction);
        String version = request.param("Version").filter(v -> !v.isEmpty()).orElse(StsErrors.VERSION);
        if (!ACTIONS.contains(action) || !version.equals(StsErrors.VERSION)) {
            throw StsErrors.invalidAction(action, version);
        }
        return action;
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        Xml result =
                switch (call.action()) {
                    case "GetCallerIdentity" -> getCallerIdentity(call.requireCaller());
                    case "AssumeRole" -> assumeRole.handle(call);
                    case "AssumeRoleWithWebIdentity" -> assumeRoleWithWebIdentity.handle(call);
                    default -> throw StsErrors.invalidAction(call.action(), StsErrors.VERSION);
                };
        return protocol.success(call.action(), result, call.requestId());
    }

    @Override
    public AwsResponse renderError(AwsError error, String requestId) {
        return protocol.error(error, requestId);
    }

    /** Needs no permission: any signed caller may ask who it is. */
    private static Xml getCallerIdentity(Caller caller) {
        return QueryProtocol.result("GetCallerIdentity")
                .add("Arn", caller.arn())
                .add("UserId", caller.userId())
                .add("Account", caller.accountId());
    }

    @Override
    public String toString() {
        return "StsService[" + region + "]";
    }
}
