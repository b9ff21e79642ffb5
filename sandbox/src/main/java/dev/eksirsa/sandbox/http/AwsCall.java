package dev.eksirsa.sandbox.http;

import dev.eksirsa.sandbox.account.Caller;
import java.util.Optional;

/**
 * A request being served: who calls (absent for unsigned STS web-identity calls), which action, and the
 * resource it names, recorded for the call log.
 */
public final class AwsCall {
    private final AwsRequest request;
    private final String action;
    private final Caller caller;
    private final String requestId;
    private volatile String target;
    private volatile String principalOverride;
    private volatile String accountOverride;

    public AwsCall(AwsRequest request, String action, Caller caller, String requestId) {
        this.request = request;
        this.action = action;
        this.caller = caller;
        this.requestId = requestId;
    }

    public AwsRequest request() {
        return request;
    }

    public String action() {
        return action;
    }

    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    /** The signed caller; services that require a signature call this. */
    public Caller requireCaller() {
        if (caller == null) {
            throw new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        return caller;
    }

    public String requestId() {
        return requestId;
    }

    public String param(String name) {
        return request.param(name).orElse(null);
    }

    public String requiredParam(String name) {
        return request.param(name)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new AwsError(
                        400,
                        "ValidationError",
                        "1 validation error detected: Value null at '"
                                + Character.toLowerCase(name.charAt(0)) + name.substring(1)
                                + "' failed to satisfy constraint: Member must not be null"));
    }

    public void target(String target) {
        this.target = target;
    }

    public String target() {
        return target;
    }

    /** For unsigned calls the log names the principal the request presents (a web identity token's sub). */
    public void presentedPrincipal(String principal, String accountId) {
        this.principalOverride = principal;
        this.accountOverride = accountId;
    }

    public String loggedPrincipal() {
        return principalOverride != null ? principalOverride : caller == null ? null : caller.arn();
    }

    public String loggedAccount() {
        return accountOverride != null ? accountOverride : caller == null ? null : caller.accountId();
    }
}
