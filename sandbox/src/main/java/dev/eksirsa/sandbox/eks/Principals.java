package dev.eksirsa.sandbox.eks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM and STS ARN shapes access entries deal with. */
final class Principals {
    private static final Pattern SESSION = Pattern.compile("^arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/.+$");
    private static final Pattern ROLE = Pattern.compile("^arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)$");
    static final Pattern IAM_PRINCIPAL = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]+$");

    record RoleRef(String accountId, String roleName) {}

    private Principals() {}

    static Optional<RoleRef> roleOfSession(String arn) {
        Matcher m = SESSION.matcher(arn);
        return m.matches() ? Optional.of(new RoleRef(m.group(2), m.group(3))) : Optional.empty();
    }

    static boolean sameRole(String roleArn, String accountId, String roleName) {
        Matcher m = ROLE.matcher(roleArn);
        return m.matches() && m.group(2).equals(accountId) && m.group(3).equals(roleName);
    }

    static boolean isRole(String principalArn) {
        return ROLE.matcher(principalArn).matches();
    }

    /** The last path segment: the role's or user's name. */
    static String name(String principalArn) {
        return principalArn.substring(principalArn.lastIndexOf('/') + 1);
    }

    static String accountOf(String principalArn) {
        return principalArn.split(":")[4];
    }

    /** The Kubernetes user name EKS derives when none is given. */
    static String defaultUsername(String principalArn) {
        if (isRole(principalArn)) {
            String partition = principalArn.split(":")[1];
            return "arn:" + partition + ":sts::" + accountOf(principalArn) + ":assumed-role/" + name(principalArn)
                    + "/{{SessionName}}";
        }
        return principalArn;
    }
}
