package dev.eksirsa.engine.aws.iam.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statements eks-irsa writes; every Sid starts with {@code EksIrsa} so later runs know them as ours. */
public final class TrustPolicies {
    public static final String WEB_IDENTITY_SID = "EksIrsaWebIdentity";
    public static final String WEB_IDENTITY_PATTERN_SID = "EksIrsaWebIdentityPattern";
    public static final String CROSS_ACCOUNT_SID = "EksIrsaCrossAccount";
    public static final String ASSUME_ROLES_SID = "EksIrsaAssumeRoles";
    public static final String WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
    public static final String ASSUME_ROLE_ACTION = "sts:AssumeRole";

    private TrustPolicies() {}

    /**
     * Web identity trust for service-account subjects ({@code system:serviceaccount:ns:name}). Exact subjects go
     * under StringEquals; subjects with a wildcard get a second statement with StringLike on {@code sub}. The
     * audience is always StringEquals.
     *
     * @param issuerHostPath the issuer URL without {@code https://}, as IAM's condition keys spell it
     */
    public static List<PolicyStatement> webIdentity(
            String providerArn, String issuerHostPath, List<String> subjects, String audience) {
        List<String> exact =
                subjects.stream().filter(s -> !Wildcards.hasWildcard(s)).toList();
        List<String> patterns = subjects.stream().filter(Wildcards::hasWildcard).toList();
        List<PolicyStatement> out = new ArrayList<>();
        if (!exact.isEmpty()) {
            out.add(webIdentityStatement(WEB_IDENTITY_SID, providerArn, issuerHostPath, exact, audience, false));
        }
        if (!patterns.isEmpty()) {
            out.add(webIdentityStatement(
                    WEB_IDENTITY_PATTERN_SID, providerArn, issuerHostPath, patterns, audience, true));
        }
        return out;
    }

    /** Lets exactly one role (the IRSA role) assume a cross-account target role, optionally with an external id. */
    public static PolicyStatement crossAccount(String trustedRoleArn, String externalId) {
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        if (externalId != null) {
            conditions.put("StringEquals", Map.of("sts:ExternalId", List.of(externalId)));
        }
        return PolicyStatement.trust(
                CROSS_ACCOUNT_SID, Map.of("AWS", List.of(trustedRoleArn)), List.of(ASSUME_ROLE_ACTION), conditions);
    }

    /** The identity statement letting a role assume exactly these roles. */
    public static PolicyStatement assumeRoles(List<String> roleArns) {
        return PolicyStatement.allow(ASSUME_ROLES_SID, List.of(ASSUME_ROLE_ACTION), roleArns);
    }

    private static PolicyStatement webIdentityStatement(
            String sid, String providerArn, String hostPath, List<String> subs, String audience, boolean like) {
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        Map<String, List<String>> equals = new LinkedHashMap<>();
        equals.put(hostPath + ":aud", List.of(audience));
        if (like) {
            conditions.put("StringLike", Map.of(hostPath + ":sub", subs));
        } else {
            equals.put(hostPath + ":sub", subs);
        }
        conditions.put("StringEquals", equals);
        return PolicyStatement.trust(
                sid, Map.of("Federated", List.of(providerArn)), List.of(WEB_IDENTITY_ACTION), conditions);
    }
}
