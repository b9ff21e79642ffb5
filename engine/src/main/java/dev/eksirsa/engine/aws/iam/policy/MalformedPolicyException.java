package dev.eksirsa.engine.aws.iam.policy;

/** A policy document that IAM would refuse as MalformedPolicyDocument; callers name the field it came from. */
public class MalformedPolicyException extends IllegalArgumentException {

    public MalformedPolicyException(String message) {
        super(message);
    }
}
