package dev.eksirsa.sandbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.sandbox.kube.KubeApiServer;
import dev.eksirsa.sandbox.kube.KubeApiServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delegate pods running in the sandbox's clusters, as Harness's manager sees them through their heartbeats: a
 * running pod whose container says {@code ACCOUNT_ID} and {@code DELEGATE_NAME} and presents a
 * {@code DELEGATE_TOKEN} (from its env or the Secret it references) that is an active token of the account.
 * Computed on every question, so a pod that goes stops "heartbeating" at once.
 */
final class DelegatePods {
    /** One connected delegate replica. */
    record Replica(
            String delegateName,
            String clusterKey,
            String clusterName,
            String namespace,
            String podName,
            String serviceAccount,
            Map<String, String> env,
            List<String> tags,
            String tokenName,
            KubeApiServer server) {}

    private final KubeApiServers clusters;

    DelegatePods(KubeApiServers clusters) {
        this.clusters = clusters;
    }

    List<Replica> connected(String accountId, DelegateTokens tokens) {
        List<Replica> out = new ArrayList<>();
        for (Map.Entry<String, KubeApiServer> cluster : clusters.all().entrySet()) {
            KubeApiServer server = cluster.getValue();
            for (ObjectNode pod : server.list("/api/v1/pods")) {
                if (!"Running".equals(pod.path("status").path("phase").asText())
                        || pod.path("metadata").hasNonNull("deletionTimestamp")) {
                    continue;
                }
                String namespace = pod.path("metadata").path("namespace").asText();
                for (JsonNode container : pod.path("spec").path("containers")) {
                    Map<String, String> env = environment(server, namespace, container);
                    String token = env.get("DELEGATE_TOKEN");
                    Optional<DelegateTokens.Token> active =
                            token == null ? Optional.empty() : tokens.activeWithValue(token);
                    if (!accountId.equals(env.get("ACCOUNT_ID"))
                            || env.get("DELEGATE_NAME") == null
                            || active.isEmpty()) {
                        continue;
                    }
                    env.remove("DELEGATE_TOKEN");
                    String tags = env.getOrDefault("DELEGATE_TAGS", "");
                    out.add(new Replica(
                            env.get("DELEGATE_NAME"),
                            cluster.getKey(),
                            server.clusterName(),
                            namespace,
                            pod.path("metadata").path("name").asText(),
                            pod.path("spec").path("serviceAccountName").asText("default"),
                            env,
                            tags.isBlank() ? List.of() : List.of(tags.split("\\s*,\\s*")),
                            active.get().name(),
                            server));
                }
            }
        }
        return out;
    }

    /** The container's effective environment: its env (literal values and secret keys) over envFrom secrets. */
    private static Map<String, String> environment(KubeApiServer server, String namespace, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String secret = from.path("secretRef").path("name").asText("");
            if (!secret.isEmpty()) {
                secretData(server, namespace, secret).forEach(env::put);
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                env.put(name, e.path("value").asText());
            } else if (e.path("valueFrom").has("secretKeyRef")) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                String value = secretData(server, namespace, ref.path("name").asText())
                        .get(ref.path("key").asText());
                if (value != null) {
                    env.put(name, value);
                }
            }
        }
        return env;
    }

    private static Map<String, String> secretData(KubeApiServer server, String namespace, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<ObjectNode> secret = server.get("/api/v1/namespaces/" + namespace + "/secrets/" + name);
        if (secret.isEmpty()) {
            return values;
        }
        secret.get().path("data").fields().forEachRemaining(e -> {
            try {
                values.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // a value the API server would have refused; the delegate could not read it either
            }
        });
        secret.get()
                .path("stringData")
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
