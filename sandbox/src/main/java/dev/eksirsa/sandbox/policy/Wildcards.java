package dev.eksirsa.sandbox.policy;

/** Glob matching as IAM does it: {@code *} matches any run of characters (also none), {@code ?} exactly one. */
final class Wildcards {

    private Wildcards() {}

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (pattern == null || value == null) {
            return false;
        }
        int p = 0;
        int v = 0;
        int starAt = -1;
        int valueAtStar = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                valueAtStar = v;
            } else if (p < pattern.length()
                    && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (starAt >= 0) {
                // let the last star swallow one more character and retry from there
                p = starAt + 1;
                v = ++valueAtStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b
                || (ignoreCase
                        && (Character.toLowerCase(a) == Character.toLowerCase(b)
                                || Character.toUpperCase(a) == Character.toUpperCase(b)));
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }
}
