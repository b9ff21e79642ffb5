package dev.eksirsa.engine.aws.iam.policy;

import java.util.Locale;

/** IAM's {@code *} (any run) and {@code ?} (one character) matching. */
final class Wildcards {
    private Wildcards() {}

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            return matches(pattern.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT), 0, 0);
        }
        return matches(pattern, value, 0, 0);
    }

    static boolean hasWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    // iterative glob matching with backtracking to the last '*'
    private static boolean matches(String p, String v, int pi, int vi) {
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
