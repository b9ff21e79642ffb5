package dev.eksirsa.engine.harness;

import dev.eksirsa.engine.api.InvalidInputException;
import java.net.URI;
import java.util.List;

/**
 * Where and as whom the Harness NextGen API is called: the manager URL (app.harness.io, /gratis, app3, or a
 * self-managed one; https unless loopback), the account id and the API key (never printed).
 */
public record HarnessConnection(URI managerUrl, String accountId, String apiKey) {
    /** The SaaS clusters: prod1, prod2 (/gratis), prod3. */
    public static final List<String> SAAS =
            List.of("https://app.harness.io", "https://app.harness.io/gratis", "https://app3.harness.io");

    public HarnessConnection {
        if (managerUrl == null || managerUrl.getHost() == null) {
            throw new InvalidInputException("managerUrl", "must be a URL such as https://app.harness.io");
        }
        boolean loopback =
                managerUrl.getHost().equals("127.0.0.1") || managerUrl.getHost().equals("localhost");
        if (!"https".equals(managerUrl.getScheme()) && !(loopback && "http".equals(managerUrl.getScheme()))) {
            throw new InvalidInputException("managerUrl", "must use https (plain http only on loopback)");
        }
        if (accountId == null || !accountId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidInputException(
                    "accountId", "must be the Harness account identifier (letters, digits, - and _)");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException("apiKeyEnv", "names no variable holding a Harness API key");
        }
        String text = managerUrl.toString();
        managerUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    @Override
    public String toString() {
        return "HarnessConnection[" + managerUrl + ", account " + accountId + ", apiKey=****]";
    }
}
