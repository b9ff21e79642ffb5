package dev.eksirsa.sandbox.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a Principal element names a caller, from not at all to by the caller's own identifier. */
enum PrincipalMatch {
    NONE,
    /** {@code "*"} or {@code {"AWS":"*"}}: everyone, including anonymous callers. */
    EVERYONE,
    /** {@code "111122223333"} or {@code arn:aws:iam::111122223333:root}: any principal of that account. */
    ACCOUNT,
    /** The caller's own ARN, provider or service name. */
    IDENTITY;

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):root");

    static PrincipalMatch of(Principals principals, PrincipalRef caller) {
        if (principals.wildcard() || principals.ids(Principals.AWS).contains("*")) {
            return EVERYONE;
        }
        if (caller == null) {
            return NONE;
        }
        PrincipalMatch best = NONE;
        for (Map.Entry<String, List<String>> entry : principals.byType().entrySet()) {
            if (!entry.getKey().equals(caller.type())) {
                continue;
            }
            for (String id : entry.getValue()) {
                PrincipalMatch m = matchOne(entry.getKey(), id, caller);
                if (m.compareTo(best) > 0) {
                    best = m;
                }
            }
        }
        return best;
    }

    private static PrincipalMatch matchOne(String type, String id, PrincipalRef caller) {
        if (id.equals("*")) {
            return EVERYONE;
        }
        if (type.equals(Principals.SERVICE)) {
            return caller.ids().stream().anyMatch(id::equalsIgnoreCase) ? IDENTITY : NONE;
        }
        if (caller.ids().contains(id)) {
            return IDENTITY;
        }
        if (type.equals(Principals.AWS)) {
            String account = accountOf(id);
            if (account != null && account.equals(caller.accountId())) {
                return ACCOUNT;
            }
        }
        return NONE;
    }

    /** The account an account principal names, or null when {@code id} is not an account principal. */
    static String accountOf(String id) {
        if (ACCOUNT_ID.matcher(id).matches()) {
            return id;
        }
        Matcher root = ROOT_ARN.matcher(id.toLowerCase(Locale.ROOT));
        return root.matches() ? root.group(1) : null;
    }

    static boolean isAccountId(String id) {
        return ACCOUNT_ID.matcher(id).matches();
    }
}
