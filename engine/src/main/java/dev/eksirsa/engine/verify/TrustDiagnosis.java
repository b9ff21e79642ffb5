package dev.eksirsa.engine.verify;

import dev.eksirsa.engine.aws.iam.policy.Effect;
import dev.eksirsa.engine.aws.iam.policy.EvaluationRequest;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyEvaluator;
import dev.eksirsa.engine.aws.iam.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a role's trust lets one service account's token in through one OIDC provider, and if not, which part
 * stops it: the provider, {@code sub}, {@code aud}, or a wildcard under StringEquals (which matches literally).
 */
final class TrustDiagnosis {
    private TrustDiagnosis() {}

    static List<Check> check(
            String roleArn,
            PolicyDocument trust,
            String providerArn,
            String issuerHostPath,
            String subject,
            String audience) {
        String id = "trust.webIdentity";
        EvaluationRequest request = EvaluationRequest.trust(
                "Federated",
                providerArn,
                "sts:AssumeRoleWithWebIdentity",
                Map.of(issuerHostPath + ":sub", List.of(subject), issuerHostPath + ":aud", List.of(audience)));
        boolean allowed = PolicyEvaluator.evaluate(trust, request).allowed();
        List<PolicyStatement> forProvider = new ArrayList<>();
        List<String> otherProviders = new ArrayList<>();
        for (PolicyStatement s : trust.statements()) {
            if (s.effect() != Effect.ALLOW || s.principals() == null) {
                continue;
            }
            List<String> federated = s.principals().getOrDefault("Federated", List.of());
            if (federated.contains(providerArn)) {
                forProvider.add(s);
            } else {
                otherProviders.addAll(federated);
            }
        }
        List<Check> out = new ArrayList<>();
        if (!allowed) {
            out.add(Check.fail(
                    id,
                    roleArn,
                    whyNot(forProvider, otherProviders, providerArn, issuerHostPath, subject, audience),
                    "trust " + providerArn + " with StringEquals {" + issuerHostPath + ":sub: " + subject + ", "
                            + issuerHostPath + ":aud: " + audience + "} (eks-irsa role does this)"));
            return out;
        }
        out.add(Check.pass(id, roleArn, "the trust lets " + subject + " in through " + providerArn));
        for (PolicyStatement s : forProvider) {
            boolean hasAud = keys(s).contains((issuerHostPath + ":aud").toLowerCase(Locale.ROOT));
            if (!hasAud) {
                out.add(Check.warn(
                        "trust.audience",
                        roleArn,
                        "a trust statement has no " + issuerHostPath
                                + ":aud condition: tokens minted for any audience are accepted",
                        "add StringEquals " + issuerHostPath + ":aud = " + audience));
            }
            for (var op : s.conditions().entrySet()) {
                for (var cond : op.getValue().entrySet()) {
                    if (cond.getKey().toLowerCase(Locale.ROOT).endsWith(":sub")
                            && op.getKey().toLowerCase(Locale.ROOT).contains("like")
                            && cond.getValue().stream().anyMatch(v -> v.contains("*") || v.contains("?"))) {
                        out.add(Check.warn(
                                "trust.wildcardSubject",
                                roleArn,
                                "the trust's sub condition " + cond.getValue()
                                        + " is a pattern: other service accounts matching it can assume the role",
                                "name exactly the service accounts: StringEquals " + issuerHostPath + ":sub"));
                    }
                }
            }
        }
        return out;
    }

    private static String whyNot(
            List<PolicyStatement> forProvider,
            List<String> otherProviders,
            String providerArn,
            String issuerHostPath,
            String subject,
            String audience) {
        if (forProvider.isEmpty()) {
            return "the trust has no statement for the cluster's provider " + providerArn
                    + (otherProviders.isEmpty() ? "" : " (it trusts " + otherProviders + ")");
        }
        List<String> reasons = new ArrayList<>();
        for (PolicyStatement s : forProvider) {
            for (var op : s.conditions().entrySet()) {
                for (var cond : op.getValue().entrySet()) {
                    String key = cond.getKey().toLowerCase(Locale.ROOT);
                    boolean equals = op.getKey().toLowerCase(Locale.ROOT).startsWith("stringequals");
                    if (key.equals((issuerHostPath + ":sub").toLowerCase(Locale.ROOT))
                            && !cond.getValue().contains(subject)) {
                        if (equals && cond.getValue().stream().anyMatch(v -> v.contains("*"))) {
                            reasons.add("sub " + cond.getValue() + " has a wildcard under " + op.getKey()
                                    + ", which matches it literally (use StringLike)");
                        } else {
                            reasons.add("sub allows " + cond.getValue() + ", not " + subject
                                    + " (another namespace or service account name)");
                        }
                    }
                    if (key.equals((issuerHostPath + ":aud").toLowerCase(Locale.ROOT))
                            && !cond.getValue().contains(audience)) {
                        reasons.add("aud allows " + cond.getValue() + ", not " + audience);
                    }
                    if (!key.startsWith(issuerHostPath.toLowerCase(Locale.ROOT)) && key.contains(":sub")) {
                        reasons.add("the condition names another issuer (" + cond.getKey() + ")");
                    }
                }
            }
        }
        return "the trust does not let " + subject + " in"
                + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
    }

    private static List<String> keys(PolicyStatement s) {
        List<String> out = new ArrayList<>();
        s.conditions().values().forEach(m -> m.keySet().forEach(k -> out.add(k.toLowerCase(Locale.ROOT))));
        return out;
    }
}
