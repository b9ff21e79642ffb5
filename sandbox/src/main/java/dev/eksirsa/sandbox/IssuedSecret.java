package dev.eksirsa.sandbox;

/**
 * A secret the sandbox handed out or accepted, for tests that search everything a run printed or wrote for it.
 *
 * @param value the secret itself; never in {@link #toString()}
 */
public record IssuedSecret(Kind kind, String value) {

    public enum Kind {
        /** An access key's secret: the administrators' and every STS session's. */
        SECRET_ACCESS_KEY,
        /** An STS session token. */
        SESSION_TOKEN,
        /** The Harness account's API key. */
        HARNESS_API_KEY,
        /** A Harness delegate token's value. */
        DELEGATE_TOKEN,
        /** A JWT a cluster's OIDC issuer signed (TokenRequest, projected service-account tokens). */
        SERVICE_ACCOUNT_JWT,
        /** An EKS bearer token ({@code k8s-aws-v1.…}) a cluster's Kubernetes API accepted. */
        EKS_BEARER_TOKEN
    }

    @Override
    public String toString() {
        return "IssuedSecret[" + kind + ", " + value.length() + " characters]";
    }
}
