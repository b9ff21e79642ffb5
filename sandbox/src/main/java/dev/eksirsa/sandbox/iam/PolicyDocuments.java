package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.policy.MalformedPolicyException;
import dev.eksirsa.sandbox.policy.PolicyDocument;
import dev.eksirsa.sandbox.policy.PolicyKind;

/** Validation IAM applies to policy documents it stores. */
final class PolicyDocuments {
    static final int ROLE_POLICY_SIZE_QUOTA = 10240;
    static final int MANAGED_POLICY_SIZE_QUOTA = 6144;

    private PolicyDocuments() {}

    /** The stored form of a trust policy, after grammar, principal-existence and size checks. */
    static StoredTrust trust(IamStore iam, IamAccount account, String roleName, String json) {
        IamValidation.length("assumeRolePolicyDocument", json, 1, 131072);
        PolicyDocument parsed = parse(json, PolicyKind.TRUST);
        for (String principal : parsed.principalArns()) {
            if (!iam.principalExists(principal)) {
                String type = principal.contains(":oidc-provider/") || principal.contains(":saml-provider/")
                        ? "Federated"
                        : "AWS";
                throw new AwsError(
                        400,
                        "MalformedPolicyDocument",
                        "Invalid principal in policy: \"" + type + "\":\"" + principal + "\"");
            }
        }
        int quota = account.assumeRolePolicySizeQuota();
        if (PolicyDocument.nonWhitespaceLength(json) > quota) {
            throw new AwsError(400, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: " + quota);
        }
        PolicyDocument normalized = parsed.normalize();
        String stored = normalized.equals(parsed) ? json : normalized.toJson();
        return new StoredTrust(stored, normalized);
    }

    static String identity(String json, int quota, String sizeMessage) {
        IamValidation.length("policyDocument", json, 1, 131072);
        PolicyDocument parsed = parse(json, PolicyKind.IDENTITY);
        if (PolicyDocument.nonWhitespaceLength(json) > quota) {
            throw new AwsError(400, "LimitExceeded", sizeMessage);
        }
        return json;
    }

    private static PolicyDocument parse(String json, PolicyKind kind) {
        try {
            return PolicyDocument.parse(json, kind);
        } catch (MalformedPolicyException e) {
            throw new AwsError(400, "MalformedPolicyDocument", e.getMessage());
        }
    }

    record StoredTrust(String json, PolicyDocument document) {}
}
