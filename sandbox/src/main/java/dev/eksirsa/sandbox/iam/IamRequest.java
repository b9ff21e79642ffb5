package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.http.AwsCall;

/** One IAM action being served, with the caller already authenticated. */
record IamRequest(AwsCall call, Caller caller, Authorizer authorizer) {

    String param(String name) {
        return call.param(name);
    }

    String required(String name) {
        return call.requiredParam(name);
    }

    String accountId() {
        return caller.accountId();
    }

    /** Authorises {@code iam:<Action>} on the resource and records it as the call's target. */
    void authorize(String resourceArn, String target) {
        call.target(target);
        authorizer.authorize(caller, "iam:" + call.action(), resourceArn);
    }

    /**
     * Authorises a second action the request needs, as IAM does for tags given at creation: creating a tagged role or
     * OpenID Connect provider also needs {@code iam:TagRole} / {@code iam:TagOpenIDConnectProvider}.
     */
    void authorizeAlso(String action, String resourceArn) {
        authorizer.authorize(caller, action, resourceArn);
    }

    String roleArn(String path, String name) {
        return "arn:aws:iam::" + accountId() + ":role" + path + name;
    }
}
