package dev.eksirsa.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;

/** Reads, without running anything, whether a kubeconfig context's user would run a command (exec). */
final class KubeconfigExec {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KubeconfigExec() {}

    /** @param context null for the file's current context */
    static boolean usesExec(Path file, String context) {
        JsonNode config;
        try {
            config = YAML.readTree(file.toFile());
        } catch (IOException e) {
            // the message names the problem and line, not the content (a kubeconfig may hold tokens)
            throw new InvalidInputException("kubeconfig", file + " is not valid YAML");
        }
        if (config == null) {
            return false;
        }
        String contextName =
                context != null ? context : config.path("current-context").asText(null);
        String user = null;
        for (JsonNode c : config.path("contexts")) {
            if (c.path("name").asText("").equals(contextName)) {
                user = c.path("context").path("user").asText(null);
            }
        }
        for (JsonNode u : config.path("users")) {
            if (u.path("name").asText("").equals(user) && u.path("user").has("exec")) {
                return true;
            }
        }
        return false;
    }
}
