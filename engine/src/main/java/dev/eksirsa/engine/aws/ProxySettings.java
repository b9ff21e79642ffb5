package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InvalidInputException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP(S) proxy for AWS calls.
 *
 * @param nonProxyHosts host patterns in Java's {@code http.nonProxyHosts} style ({@code *.example.com})
 */
public record ProxySettings(URI endpoint, Set<String> nonProxyHosts) {

    public ProxySettings {
        if (endpoint == null
                || endpoint.getHost() == null
                || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
            throw new InvalidInputException("proxy", "must be an http or https URL with a host");
        }
        nonProxyHosts = Set.copyOf(nonProxyHosts == null ? Set.of() : nonProxyHosts);
    }

    /** From {@code HTTPS_PROXY}/{@code https_proxy} and {@code NO_PROXY}/{@code no_proxy}; null when unset. */
    public static ProxySettings fromEnvironment(Map<String, String> env) {
        String proxy = firstSet(env, "HTTPS_PROXY", "https_proxy");
        if (proxy == null) {
            return null;
        }
        if (!proxy.contains("://")) {
            proxy = "http://" + proxy;
        }
        URI uri;
        try {
            uri = URI.create(proxy);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("HTTPS_PROXY", "must be a URL such as http://proxy:3128");
        }
        Set<String> hosts = new LinkedHashSet<>();
        String noProxy = firstSet(env, "NO_PROXY", "no_proxy");
        if (noProxy != null) {
            for (String entry : noProxy.split(",")) {
                String host = entry.trim();
                if (host.isEmpty()) {
                    continue;
                }
                hosts.add(host.startsWith(".") ? "*" + host : host);
            }
        }
        return new ProxySettings(uri, hosts);
    }

    /**
     * A proxy configured elsewhere (Jenkins' "HTTP Proxy Configuration") as the {@code HTTPS_PROXY} and
     * {@code NO_PROXY} variables {@link #fromEnvironment} reads: user and password URL-encoded into the proxy URL,
     * the no-proxy patterns (one per line, or separated by {@code |}, commas or spaces) joined by commas.
     */
    public static Map<String, String> environmentOf(
            String host, int port, String user, String password, String noProxyHosts) {
        if (host == null || host.isBlank()) {
            return Map.of();
        }
        String userInfo = user == null || user.isBlank()
                ? ""
                : encode(user) + (password == null || password.isEmpty() ? "" : ":" + encode(password)) + "@";
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("HTTPS_PROXY", "http://" + userInfo + host.trim() + (port > 0 ? ":" + port : ""));
        if (noProxyHosts != null && !noProxyHosts.isBlank()) {
            env.put(
                    "NO_PROXY",
                    String.join(
                            ",",
                            java.util.Arrays.stream(noProxyHosts.trim().split("[\\s,|;]+"))
                                    .filter(h -> !h.isBlank())
                                    .toList()));
        }
        return env;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** Whether a request to {@code host} goes around the proxy ({@code NO_PROXY}). */
    public boolean bypasses(String host) {
        for (String pattern : nonProxyHosts) {
            if (pattern.equals("*")
                    || pattern.equalsIgnoreCase(host)
                    || (pattern.startsWith("*")
                            && host.toLowerCase(java.util.Locale.ROOT)
                                    .endsWith(pattern.substring(1).toLowerCase(java.util.Locale.ROOT)))) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's proxy for a connection to {@code host}: this one, or none when NO_PROXY says so. */
    public java.net.Proxy forHost(String host) {
        if (bypasses(host)) {
            return java.net.Proxy.NO_PROXY;
        }
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        return new java.net.Proxy(java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress(endpoint.getHost(), port));
    }

    /** The proxy user name, if the URL carries one (its password is never shown). */
    public String username() {
        String info = endpoint.getUserInfo();
        return info == null ? null : info.split(":", 2)[0];
    }

    public String password() {
        String info = endpoint.getUserInfo();
        return info == null || !info.contains(":") ? null : info.split(":", 2)[1];
    }

    /** The proxy URL without user info. */
    public URI address() {
        return URI.create(endpoint.getScheme() + "://" + endpoint.getHost()
                + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()));
    }

    @Override
    public String toString() {
        return "ProxySettings[" + address() + (username() == null ? "" : " as " + username()) + ", nonProxyHosts="
                + nonProxyHosts + "]";
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
