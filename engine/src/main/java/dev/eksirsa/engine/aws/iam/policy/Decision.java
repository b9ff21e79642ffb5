package dev.eksirsa.engine.aws.iam.policy;

/** The outcome of evaluating policies: an explicit deny wins over any allow; nothing matching denies too. */
public enum Decision {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
