package dev.eksirsa.sandbox.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated IAM policy document (identity policy, or a role's trust policy). Immutable. {@code version}
 * is null when the document has no Version element. The document-level Id element is not kept.
 */
public record PolicyDocument(String version, List<Statement> statements) {

    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";

    public PolicyDocument {
        statements = statements == null ? List.of() : List.copyOf(statements);
    }

    /** Parses and validates {@code json} as IAM does for {@code kind}, with IAM's error messages. */
    public static PolicyDocument parse(String json, PolicyKind kind) throws MalformedPolicyException {
        return PolicyParser.parse(json, kind);
    }

    /** Compact canonical JSON; see {@link PolicyWriter} for the canonical form. */
    public String toJson() {
        return PolicyWriter.write(this);
    }

    /**
     * The ARNs of the AWS principals named in Principal or NotPrincipal (users, roles, sessions), in document order
     * and without duplicates, for the IAM service to check that they exist. Account principals (bare ids and
     * {@code :root} ARNs) and "*" are left out: IAM does not require an account to be known to it.
     */
    public List<String> principalArns() {
        Set<String> arns = new LinkedHashSet<>();
        for (String id : principalIds(Principals.AWS)) {
            if (id.startsWith("arn:") && PrincipalMatch.accountOf(id) == null) {
                arns.add(id);
            }
        }
        return List.copyOf(arns);
    }

    /** Every identifier of one principal type (AWS, Federated, Service, CanonicalUser) in document order. */
    public List<String> principalIds(String type) {
        Set<String> ids = new LinkedHashSet<>();
        for (Statement s : statements) {
            if (s.principals() != null) {
                ids.addAll(s.principals().ids(type));
            }
        }
        return List.copyOf(ids);
    }

    /** The document as IAM stores it, with bare account ids in AWS principals rewritten to root ARNs. */
    public PolicyDocument normalize() {
        return normalize("aws");
    }

    /** {@link #normalize()} for another partition ("aws-cn", "aws-us-gov"). */
    public PolicyDocument normalize(String partition) {
        List<Statement> rewritten = new ArrayList<>();
        for (Statement s : statements) {
            rewritten.add(s.principals() == null ? s : withPrincipals(s, rootArns(s.principals(), partition)));
        }
        return new PolicyDocument(version, rewritten);
    }

    /** {@link #nonWhitespaceLength(String)} of this document's canonical JSON. */
    public int nonWhitespaceLength() {
        return nonWhitespaceLength(toJson());
    }

    /**
     * The size IAM counts against its policy size quotas (AssumeRolePolicySizeQuota, 2048 by default, and the
     * inline/managed policy quotas): IAM documents that white space is not counted. This counts the characters
     * (code points) of {@code json} that are not white space. Apply it to the text the caller submitted, not to
     * {@link #toJson()}, whose canonical form can be shorter or longer than what was sent (a one-element list
     * becomes a string, numbers become strings); white space inside string values is not counted either, because
     * IAM's documentation makes no exception for it.
     */
    public static int nonWhitespaceLength(String json) {
        return (int) json.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    private static Principals rootArns(Principals p, String partition) {
        if (p.wildcard()) {
            return p;
        }
        Map<String, List<String>> byType = new LinkedHashMap<>(p.byType());
        byType.computeIfPresent(Principals.AWS, (type, ids) -> ids.stream()
                .map(id -> PrincipalMatch.isAccountId(id) ? "arn:" + partition + ":iam::" + id + ":root" : id)
                .toList());
        return new Principals(byType, false);
    }

    private static Statement withPrincipals(Statement s, Principals p) {
        return new Statement(
                s.sid(),
                s.effect(),
                s.actions(),
                s.notAction(),
                s.resources(),
                s.notResource(),
                p,
                s.notPrincipal(),
                s.conditions());
    }
}
