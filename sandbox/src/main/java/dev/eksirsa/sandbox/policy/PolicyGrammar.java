package dev.eksirsa.sandbox.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules IAM applies after a document is well-formed, each reported with IAM's own message: principals by
 * policy kind, unique and alphanumeric Sids, required actions and resources, the STS-only actions of trust
 * policies, action and resource formats, and the shape of principal identifiers.
 */
final class PolicyGrammar {

    /** The actions a role trust policy may name (IAM: "AssumeRole policy may only specify STS AssumeRole actions."). */
    static final List<String> TRUST_ACTIONS = List.of(
            "sts:AssumeRole",
            "sts:AssumeRoleWithWebIdentity",
            "sts:AssumeRoleWithSAML",
            "sts:TagSession",
            "sts:SetSourceIdentity",
            "sts:SetContext");

    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern VENDOR = Pattern.compile("[a-zA-Z0-9\\-.]+");
    // arn:partition:iam-or-sts::account:resource, without wildcards: IAM accepts no partial wildcards in principals
    private static final Pattern AWS_PRINCIPAL_ARN = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:[^*?]+");

    private PolicyGrammar() {}

    static void check(PolicyDocument doc, PolicyKind kind) throws MalformedPolicyException {
        List<Statement> statements = doc.statements();
        checkPrincipalPresence(statements, kind);
        checkSids(statements);
        for (Statement s : statements) {
            if (s.actions().isEmpty()) {
                throw new MalformedPolicyException(
                        kind == PolicyKind.TRUST
                                ? MalformedPolicyException.MISSING_ACTION_IN_TRUST
                                : MalformedPolicyException.MISSING_ACTIONS);
            }
        }
        for (Statement s : statements) {
            checkResourcePresence(s, kind);
        }
        for (Statement s : statements) {
            if (kind == PolicyKind.TRUST) {
                checkTrustActions(s);
            } else {
                checkActionFormat(s);
                checkResourceFormat(s);
            }
        }
        for (Statement s : statements) {
            if (s.principals() != null) {
                checkPrincipalIds(s.principals());
            }
        }
    }

    private static void checkPrincipalPresence(List<Statement> statements, PolicyKind kind)
            throws MalformedPolicyException {
        for (Statement s : statements) {
            if (kind == PolicyKind.IDENTITY && s.principals() != null) {
                throw new MalformedPolicyException(MalformedPolicyException.PRINCIPAL_IN_IDENTITY_POLICY);
            }
            if (kind == PolicyKind.TRUST && s.principals() == null) {
                throw new MalformedPolicyException(MalformedPolicyException.MISSING_PRINCIPAL);
            }
        }
    }

    private static void checkSids(List<Statement> statements) throws MalformedPolicyException {
        Set<String> seen = new HashSet<>();
        for (Statement s : statements) {
            // an empty Sid is common in trust policies and is neither checked nor counted
            if (s.sid() != null && !s.sid().isEmpty() && !seen.add(s.sid())) {
                throw new MalformedPolicyException(MalformedPolicyException.DUPLICATE_SID);
            }
        }
        for (Statement s : statements) {
            if (s.sid() != null && !SID.matcher(s.sid()).matches()) {
                throw new MalformedPolicyException(MalformedPolicyException.SID_NOT_ALPHANUMERIC);
            }
        }
    }

    private static void checkResourcePresence(Statement s, PolicyKind kind) throws MalformedPolicyException {
        if (kind == PolicyKind.IDENTITY && s.resources().isEmpty()) {
            throw new MalformedPolicyException(MalformedPolicyException.MISSING_RESOURCES);
        }
        if (kind == PolicyKind.TRUST && s.hasResourceElement()) {
            throw MalformedPolicyException.prohibitedField(s.notResource() ? "NotResource" : "Resource");
        }
    }

    private static void checkTrustActions(Statement s) throws MalformedPolicyException {
        for (String action : s.actions()) {
            boolean valid = action.regionMatches(true, 0, "sts:", 0, 4)
                    && TRUST_ACTIONS.stream().anyMatch(allowed -> Wildcards.matches(action, allowed, true));
            if (!valid) {
                throw new MalformedPolicyException(MalformedPolicyException.TRUST_ACTIONS);
            }
        }
    }

    private static void checkActionFormat(Statement s) throws MalformedPolicyException {
        for (String action : s.actions()) {
            if (action.equals("*")) {
                continue;
            }
            String[] parts = action.split(":", -1);
            if (parts.length == 1) {
                throw new MalformedPolicyException(MalformedPolicyException.ACTION_WITHOUT_VENDOR);
            }
            if (parts.length > 2) {
                throw new MalformedPolicyException(MalformedPolicyException.ACTION_TWO_COLONS);
            }
            if (!parts[0].equals("*") && !VENDOR.matcher(parts[0]).matches()) {
                throw MalformedPolicyException.vendorNotValid(parts[0]);
            }
        }
    }

    private static void checkResourceFormat(Statement s) throws MalformedPolicyException {
        for (String resource : s.resources()) {
            if (!resource.equals("*") && resource.indexOf(':') < 0) {
                throw MalformedPolicyException.resourceNotArn(resource);
            }
        }
    }

    private static void checkPrincipalIds(Principals principals) throws MalformedPolicyException {
        for (Map.Entry<String, List<String>> entry : principals.byType().entrySet()) {
            for (String id : entry.getValue()) {
                if (!validPrincipalId(entry.getKey(), id)) {
                    throw MalformedPolicyException.invalidPrincipal(entry.getKey(), id);
                }
            }
        }
    }

    private static boolean validPrincipalId(String type, String id) {
        if (type.equals(Principals.AWS)) {
            return id.equals("*")
                    || PrincipalMatch.isAccountId(id)
                    || AWS_PRINCIPAL_ARN.matcher(id).matches();
        }
        return !id.isBlank() && (id.equals("*") || !Wildcards.hasWildcard(id));
    }
}
