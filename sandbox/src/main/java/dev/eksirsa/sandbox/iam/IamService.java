package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.http.AwsService;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** IAM over the query protocol: roles, role policies, managed policies, OIDC providers, account summary. */
public final class IamService implements AwsService {
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
    private final Map<String, Function<IamRequest, Xml>> actions = new HashMap<>();

    public IamService(Clock clock, IamStore iam, Authorizer authorizer) {
        new RoleActions(clock, iam).register(actions);
        new RolePolicyActions(iam).register(actions);
        new ManagedPolicyActions(clock, iam).register(actions);
        new OidcProviderActions(clock, iam).register(actions);
        new AccountActions(iam).register(actions);
        this.authorizer = authorizer;
    }

    private final Authorizer authorizer;

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public String actionOf(AwsRequest request) {
        String action = request.param("Action").orElse("");
        if (!actions.containsKey(action)) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version 2010-05-08");
        }
        return action;
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        Caller caller = call.requireCaller();
        Xml result = actions.get(call.action()).apply(new IamRequest(call, caller, authorizer));
        return protocol.success(call.action(), result, call.requestId());
    }

    @Override
    public AwsResponse renderError(AwsError error, String requestId) {
        return protocol.error(error, requestId);
    }

    /** Reads {@code Tags.member.N.Key/Value}. */
    static Map<String, String> tags(AwsRequest request, String prefix) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; request.param(prefix + ".member." + i + ".Key").isPresent(); i++) {
            tags.put(
                    request.param(prefix + ".member." + i + ".Key").get(),
                    request.param(prefix + ".member." + i + ".Value").orElse(""));
        }
        return tags;
    }
}
