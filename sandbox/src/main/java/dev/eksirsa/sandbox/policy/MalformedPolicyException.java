package dev.eksirsa.sandbox.policy;

import java.util.Locale;

/**
 * A policy document IAM would refuse with MalformedPolicyDocument. The message is worded as IAM words it, so the
 * IAM service can put it into its error response unchanged.
 */
public class MalformedPolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final String SYNTAX = "Syntax errors in policy.";
    public static final String LEGACY_PARSING = "The policy failed legacy parsing";
    public static final String PRINCIPAL_IN_IDENTITY_POLICY = "Policy document should not specify a principal.";
    public static final String MISSING_PRINCIPAL = "Missing required field Principal";
    public static final String MISSING_ACTION_IN_TRUST = "Missing required field Action";
    public static final String MISSING_EFFECT_IN_TRUST = "Missing required field Effect";
    public static final String MISSING_ACTIONS = "Policy statement must contain actions.";
    public static final String MISSING_RESOURCES = "Policy statement must contain resources.";
    public static final String TRUST_ACTIONS = "AssumeRole policy may only specify STS AssumeRole actions.";
    public static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
    public static final String SID_NOT_ALPHANUMERIC =
            "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";
    public static final String ACTION_WITHOUT_VENDOR =
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    public static final String ACTION_TWO_COLONS = "Actions/Condition can contain only one colon.";

    public MalformedPolicyException(String message) {
        super(message);
    }

    public static MalformedPolicyException prohibitedField(String field) {
        return new MalformedPolicyException("Has prohibited field " + field);
    }

    public static MalformedPolicyException invalidConditionType(String operator) {
        return new MalformedPolicyException("Invalid Condition type : " + operator);
    }

    public static MalformedPolicyException resourceNotArn(String resource) {
        return new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
    }

    public static MalformedPolicyException vendorNotValid(String vendor) {
        return new MalformedPolicyException("Vendor " + vendor + " is not valid");
    }

    /**
     * {@code Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/missing"}. IAM spells the type in
     * upper case ("AWS", "SERVICE", "FEDERATED"); also used by the IAM service when a principal does not exist.
     */
    public static MalformedPolicyException invalidPrincipal(String type, String value) {
        return new MalformedPolicyException(
                "Invalid principal in policy: \"" + type.toUpperCase(Locale.ROOT) + "\":\"" + value + "\"");
    }
}
