package dev.eksirsa.sandbox.policy;

public enum Decision {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY
}
