package dev.eksirsa.engine.verify;

import dev.eksirsa.engine.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verification as files: JUnit XML (one testcase per check, so every CI system shows it) and a self-contained
 * HTML page with the chain drawn in inline SVG. The page fits Jenkins' Content-Security-Policy for artifacts
 * ({@code default-src 'none'}): no script, no external resource, no style element or attribute; colours are SVG
 * presentation attributes. Both hold names, ARNs and findings only.
 */
public final class VerifyReports {
    private static final String PASS = "#2e7d32";
    private static final String FAIL = "#c62828";
    private static final String WARN = "#ef6c00";
    private static final String SKIP = "#757575";

    private VerifyReports() {}

    /**
     * Refuses, before any call, a report path that can never be written: a directory, or a path under a regular
     * file. Missing directories are fine: {@link #write} creates them.
     */
    public static void checkWritable(String field, String file) {
        Path path;
        try {
            path = Path.of(file).toAbsolutePath();
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "is not a file path");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(field, "is a directory, not a file");
        }
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new InvalidInputException(field, "is under " + parent + ", which is a file, not a directory");
                }
                return;
            }
        }
    }

    public static void write(String field, String file, String content) {
        try {
            Path path = Path.of(file);
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(
                    field, "cannot write " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static String junit(VerifyResult result) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = result.checks().stream()
                .filter(c ->
                        c.status() == Check.Status.FAIL || result.failOnWarning() && c.status() == Check.Status.WARN)
                .count();
        out.append("<testsuite name=\"verifyIrsa ")
                .append(xml(result.namespace() + "/" + result.serviceAccount()))
                .append("\" tests=\"")
                .append(result.checks().size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" skipped=\"")
                .append(result.count(Check.Status.SKIP))
                .append("\" time=\"")
                .append(result.durationMs() / 1000.0)
                .append("\">\n");
        for (Check c : result.checks()) {
            out.append("  <testcase classname=\"verifyIrsa.")
                    .append(xml(result.cluster()))
                    .append("\" name=\"")
                    .append(xml(c.id() + " " + c.resource()))
                    .append("\">\n");
            boolean failed =
                    c.status() == Check.Status.FAIL || result.failOnWarning() && c.status() == Check.Status.WARN;
            if (failed) {
                out.append("    <failure message=\"")
                        .append(xml(c.message()))
                        .append("\" type=\"")
                        .append(c.status())
                        .append("\">")
                        .append(xml("fix: " + c.fix()))
                        .append("</failure>\n");
            } else if (c.status() == Check.Status.SKIP) {
                out.append("    <skipped message=\"").append(xml(c.message())).append("\"/>\n");
            } else {
                out.append("    <system-out>")
                        .append(xml(c.status() + ": " + c.message() + (c.fix().isEmpty() ? "" : " fix: " + c.fix())))
                        .append("</system-out>\n");
            }
            out.append("  </testcase>\n");
        }
        return out.append("</testsuite>\n").toString();
    }

    /** The chain's nodes and the edge into each, coloured by the checks about it. */
    record Node(String label, String detail, Check.Status edge, String edgeReason) {}

    static List<Node> chain(VerifyResult result) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("ServiceAccount", result.namespace() + "/" + result.serviceAccount(), null, null));
        nodes.add(edgeNode("OIDC provider", result, "oidc."));
        nodes.add(edgeNode(
                "Role-1", result, "trust.webIdentity", "live.webIdentity", "serviceAccount.annotation", "role.exists"));
        int hop = 0;
        while (true) {
            String prefix = "hop[" + hop + "]";
            boolean any = result.checks().stream()
                    .anyMatch(c -> c.id().startsWith(prefix) || c.id().startsWith("live." + prefix));
            if (!any) {
                break;
            }
            nodes.add(edgeNode("Role-" + (hop + 2), result, prefix, "live." + prefix));
            hop++;
        }
        return nodes;
    }

    private static Node edgeNode(String label, VerifyResult result, String... prefixes) {
        Check.Status worst = null;
        String reason = "not checked";
        String detail = "";
        for (Check c : result.checks()) {
            for (String p : prefixes) {
                if (!c.id().startsWith(p)) {
                    continue;
                }
                // the node is what the edge leads to: a hop's own ARN, not the role it is reached from
                if (detail.isEmpty() || c.id().endsWith(".trust") || c.id().startsWith("live.")) {
                    detail = c.resource();
                }
                // a skipped static check says nothing about the edge when another check decided it
                if (c.status() != Check.Status.SKIP && (worst == null || rank(c.status()) > rank(worst))) {
                    worst = c.status();
                    reason = c.id() + ": " + c.message();
                }
            }
        }
        return new Node(label, detail, worst == null ? Check.Status.SKIP : worst, reason);
    }

    private static int rank(Check.Status s) {
        return switch (s) {
            case PASS -> 0;
            case SKIP -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }

    private static String colour(Check.Status s) {
        return switch (s) {
            case PASS -> PASS;
            case WARN -> WARN;
            case FAIL -> FAIL;
            case SKIP -> SKIP;
        };
    }

    public static String html(VerifyResult result) {
        List<Node> nodes = chain(result);
        int width = 40 + nodes.size() * 260;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"200\" viewBox=\"0 0 ")
                .append(width)
                .append(" 200\" role=\"img\" aria-label=\"IRSA chain\">\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"200\" fill=\"#ffffff\"/>\n");
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            int x = 20 + i * 260;
            if (n.edge() != null) {
                int from = x - 60;
                svg.append("<line x1=\"")
                        .append(from)
                        .append("\" y1=\"80\" x2=\"")
                        .append(x)
                        .append("\" y2=\"80\" stroke=\"")
                        .append(colour(n.edge()))
                        .append("\" stroke-width=\"8\"><title>")
                        .append(xml(n.edgeReason()))
                        .append("</title></line>\n");
                svg.append("<text x=\"")
                        .append(from)
                        .append("\" y=\"120\" font-family=\"sans-serif\" font-size=\"12\" fill=\"")
                        .append(colour(n.edge()))
                        .append("\">")
                        .append(n.edge())
                        .append("</text>\n");
            }
            svg.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"50\" width=\"200\" height=\"60\" rx=\"8\" fill=\"#f5f5f5\" stroke=\"")
                    .append(n.edge() == null ? "#424242" : colour(n.edge()))
                    .append("\" stroke-width=\"3\"/>\n");
            svg.append("<text x=\"")
                    .append(x + 10)
                    .append(
                            "\" y=\"75\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\" fill=\"#212121\">")
                    .append(xml(n.label()))
                    .append("</text>\n");
            svg.append("<text x=\"")
                    .append(x + 10)
                    .append("\" y=\"97\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#424242\">")
                    .append(xml(shorten(n.detail())))
                    .append("</text>\n");
        }
        svg.append("</svg>\n");
        StringBuilder rows = new StringBuilder();
        for (Check c : result.checks()) {
            rows.append("<tr><td><font color=\"")
                    .append(colour(c.status()))
                    .append("\"><b>")
                    .append(c.status())
                    .append("</b></font></td><td>")
                    .append(xml(c.id()))
                    .append("</td><td>")
                    .append(xml(c.resource()))
                    .append("</td><td>")
                    .append(xml(c.message()))
                    .append("</td><td>")
                    .append(xml(c.fix()))
                    .append("</td></tr>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>verifyIrsa "
                + xml(result.namespace() + "/" + result.serviceAccount()) + "</title></head>\n<body>\n"
                + "<h1>IRSA chain of " + xml(result.namespace() + "/" + result.serviceAccount()) + " in "
                + xml(result.cluster())
                + ": " + (result.passed() ? "passed" : "NOT passed") + "</h1>\n"
                + "<p>" + result.count(Check.Status.PASS) + " passed, " + result.count(Check.Status.WARN)
                + " warnings, "
                + result.count(Check.Status.FAIL) + " failed, " + result.count(Check.Status.SKIP) + " skipped ("
                + result.durationMs() + " ms)</p>\n"
                + svg
                + "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr><th>status</th><th>check</th><th>resource</th><th>finding</th><th>fix</th></tr>\n"
                + rows + "</table>\n</body></html>\n";
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 34
                ? String.valueOf(text == null ? "" : text)
                : "…" + text.substring(text.length() - 33);
    }

    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** For a result map's readers: the chain as plain values (label, detail, status, reason). */
    public static List<Map<String, Object>> chainMap(VerifyResult result) {
        return chain(result).stream()
                .map(n -> Map.<String, Object>of(
                        "label",
                        n.label(),
                        "detail",
                        n.detail(),
                        "status",
                        n.edge() == null ? "START" : n.edge().name(),
                        "reason",
                        n.edgeReason() == null ? "" : n.edgeReason()))
                .toList();
    }
}
