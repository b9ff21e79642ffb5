package dev.eksirsa.sandbox.policy;

/** Which grammar a document is validated against. */
public enum PolicyKind {
    /** Identity-based policy (inline or managed): Resource required, Principal forbidden. */
    IDENTITY,
    /** A role's AssumeRolePolicyDocument: Principal required, Resource forbidden, only STS AssumeRole actions. */
    TRUST
}
