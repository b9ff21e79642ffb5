package dev.eksirsa.sandbox.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A raw query string split into percent-decoded parameters, in the order received. */
record RawQuery(List<Param> params) {

    record Param(String name, String value) {}

    RawQuery {
        params = List.copyOf(params);
    }

    static RawQuery parse(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.add(new Param(decode(name), decode(value)));
            }
        }
        return new RawQuery(params);
    }

    boolean has(String name) {
        return first(name).isPresent();
    }

    Optional<String> first(String name) {
        return params.stream()
                .filter(p -> p.name().equals(name))
                .map(Param::value)
                .findFirst();
    }

    /**
     * Percent-decodes like a form decoder ({@code +} is a space); a stray {@code %} is kept literally so that a
     * garbled query fails the signature check instead of the parser.
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(utf8);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
