package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.iam.OidcProviderRef;
import dev.eksirsa.engine.aws.iam.policy.Decision;
import dev.eksirsa.engine.aws.iam.policy.EvaluationRequest;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyEvaluator;
import dev.eksirsa.engine.aws.iam.policy.TrustPolicies;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks both sides of every hop before anything is written: the service accounts against the IRSA role's trust,
 * the IRSA role's inline policies against each target, each target's trust against the IRSA role. A statement of
 * someone else's that eks-irsa keeps (a Deny) can break a hop; this says which.
 */
final class ChainCheck {
    private ChainCheck() {}

    static void webIdentity(
            String roleArn,
            PolicyDocument trust,
            OidcProviderRef provider,
            List<ServiceAccountRef> accounts,
            String aud) {
        for (ServiceAccountRef sa : accounts) {
            if (sa.isPattern()) {
                continue;
            }
            Decision d = PolicyEvaluator.evaluate(
                    trust,
                    EvaluationRequest.trust(
                            "Federated",
                            provider.arn(),
                            TrustPolicies.WEB_IDENTITY_ACTION,
                            Map.of(
                                    provider.issuerHostPath() + ":sub", List.of(sa.subject()),
                                    provider.issuerHostPath() + ":aud", List.of(aud))));
            if (!d.allowed()) {
                throw new ConflictException("the trust policy of IAM role " + roleArn + " would still not let " + sa
                        + " assume it (" + d + " by a statement eks-irsa keeps because it did not write it)");
            }
        }
    }

    static void identity(Collection<PolicyDocument> inline, List<String> targetArns) {
        for (String target : targetArns) {
            Decision d = PolicyEvaluator.evaluate(
                    new ArrayList<>(inline), EvaluationRequest.identity(TrustPolicies.ASSUME_ROLE_ACTION, target));
            if (!d.allowed()) {
                throw new InvalidInputException(
                        "inlinePolicies", "deny sts:AssumeRole on the target role " + target + " (" + d + ")");
            }
        }
    }

    static void crossAccount(String targetArn, PolicyDocument trust, String roleArn, String externalId) {
        Decision d = PolicyEvaluator.evaluate(
                trust,
                EvaluationRequest.trust(
                        "AWS",
                        roleArn,
                        TrustPolicies.ASSUME_ROLE_ACTION,
                        externalId == null ? Map.of() : Map.of("sts:ExternalId", List.of(externalId))));
        if (!d.allowed()) {
            throw new ConflictException("the trust policy of IAM role " + targetArn + " would still not let " + roleArn
                    + " assume it (" + d + " by a statement eks-irsa keeps because it did not write it)");
        }
    }
}
