package dev.eksirsa.sandbox.eks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of a List call: {@code maxResults} 1..100 (default 100) and an opaque {@code nextToken}. */
record Page<T>(List<T> items, String nextToken) {

    static <T> Page<T> of(List<T> all, String maxResults, String nextToken) {
        int size = 100;
        if (maxResults != null) {
            try {
                size = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 100) {
                throw EksErrors.invalidParameter("1 validation error detected: Value '" + maxResults
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
            }
        }
        int from = nextToken == null ? 0 : decode(nextToken);
        if (from > all.size()) {
            throw EksErrors.invalidParameter("The nextToken provided is not valid.");
        }
        int to = Math.min(all.size(), from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? encode(to) : null);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("offset:")) {
                throw new IllegalArgumentException();
            }
            return Integer.parseInt(text.substring("offset:".length()));
        } catch (IllegalArgumentException e) {
            throw EksErrors.invalidParameter("The nextToken provided is not valid.");
        }
    }
}
