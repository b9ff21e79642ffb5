package dev.eksirsa.engine.aws.iam;

import java.util.Map;
import java.util.Optional;

/**
 * What eks-irsa added to a role it did not create, recorded on the role as tags so that {@code state: absent} can
 * take exactly that away (part of the ownership contract): {@code eks-irsa:added-policy:<hash>} = the attached
 * managed policy's ARN, {@code eks-irsa:added-inline:<hash>} = the inline policy's name. The hash (8 hex of SHA-256
 * of the value) keeps keys short and stable; {@code eks-irsa:} keys are reserved, so users cannot collide.
 */
public final class AddedRecord {
    public static final String POLICY_PREFIX = "eks-irsa:added-policy:";
    public static final String INLINE_PREFIX = "eks-irsa:added-inline:";
    private static final int MAX_TAG_VALUE = 256;

    private AddedRecord() {}

    /** The tag that records an attachment, or empty when the ARN is too long for a tag value. */
    public static Optional<Map.Entry<String, String>> policy(String policyArn) {
        return entry(POLICY_PREFIX, policyArn);
    }

    public static Optional<Map.Entry<String, String>> inline(String policyName) {
        return entry(INLINE_PREFIX, policyName);
    }

    private static Optional<Map.Entry<String, String>> entry(String prefix, String value) {
        if (value.length() > MAX_TAG_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(prefix + dev.eksirsa.engine.api.ShortNames.hash8(value), value));
    }
}
