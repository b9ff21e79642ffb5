package dev.eksirsa.sandbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes delegate YAML Harness's "download delegate" produces: namespace, RBAC for the permission level
 * bound to the namespace's <em>default</em> service account (which is why the runbook edits it for IRSA), the
 * token Secret, and the Deployment with Harness's env, probes and resources.
 */
final class DelegateManifests {
    static final String NAMESPACE = "harness-delegate-ng";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private DelegateManifests() {}

    record Request(
            String name,
            String description,
            List<String> tags,
            String tokenName,
            String permission,
            String namespace) {}

    static String render(Request request, String accountId, String managerUrl, String tokenValue, String version) {
        String ns = request.namespace() == null || request.namespace().isBlank() ? NAMESPACE : request.namespace();
        List<ObjectNode> documents = new ArrayList<>();
        ObjectNode namespace = object("v1", "Namespace", ns, null);
        documents.add(namespace);
        documents.addAll(rbac(request.permission(), ns));
        ObjectNode secret = object("v1", "Secret", request.name() + "-account-token", ns);
        secret.put("type", "Opaque");
        secret.putObject("stringData").put("DELEGATE_TOKEN", tokenValue);
        documents.add(secret);
        documents.add(deployment(request, ns, accountId, managerUrl, version));
        StringBuilder out = new StringBuilder();
        for (ObjectNode document : documents) {
            out.append("---\n").append(yaml(document));
        }
        return out.toString();
    }

    private static List<ObjectNode> rbac(String permission, String ns) {
        List<ObjectNode> out = new ArrayList<>();
        switch (permission == null ? "CLUSTER_ADMIN" : permission) {
            case "CLUSTER_VIEWER" -> out.add(clusterBinding(ns + "-cluster-viewer", "view", ns));
            case "NAMESPACE_ADMIN" -> {
                ObjectNode role = object("rbac.authorization.k8s.io/v1", "Role", ns + "-namespace-admin", ns);
                ObjectNode rule = role.putArray("rules").addObject();
                rule.putArray("apiGroups").add("*");
                rule.putArray("resources").add("*");
                rule.putArray("verbs").add("*");
                out.add(role);
                ObjectNode binding = object("rbac.authorization.k8s.io/v1", "RoleBinding", ns + "-namespace-admin", ns);
                subjects(binding, ns);
                binding.putObject("roleRef")
                        .put("kind", "Role")
                        .put("name", ns + "-namespace-admin")
                        .put("apiGroup", "rbac.authorization.k8s.io");
                out.add(binding);
            }
            default -> out.add(clusterBinding(ns + "-cluster-admin", "cluster-admin", ns));
        }
        return out;
    }

    private static ObjectNode clusterBinding(String name, String clusterRole, String ns) {
        ObjectNode binding = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", name, null);
        subjects(binding, ns);
        binding.putObject("roleRef")
                .put("kind", "ClusterRole")
                .put("name", clusterRole)
                .put("apiGroup", "rbac.authorization.k8s.io");
        return binding;
    }

    private static void subjects(ObjectNode binding, String ns) {
        binding.putArray("subjects")
                .addObject()
                .put("kind", "ServiceAccount")
                .put("name", "default")
                .put("namespace", ns);
    }

    private static ObjectNode deployment(
            Request request, String ns, String accountId, String managerUrl, String version) {
        ObjectNode d = object("apps/v1", "Deployment", request.name(), ns);
        d.with("metadata").putObject("labels").put("harness.io/name", request.name());
        ObjectNode spec = d.putObject("spec");
        spec.put("replicas", 1).put("minReadySeconds", 120);
        spec.putObject("selector").putObject("matchLabels").put("harness.io/name", request.name());
        ObjectNode template = spec.putObject("template");
        ObjectNode meta = template.putObject("metadata");
        meta.putObject("labels").put("harness.io/name", request.name());
        meta.putObject("annotations")
                .put("prometheus.io/scrape", "true")
                .put("prometheus.io/port", "3460")
                .put("prometheus.io/path", "/api/metrics");
        ObjectNode podSpec = template.putObject("spec");
        podSpec.put("terminationGracePeriodSeconds", 600).put("restartPolicy", "Always");
        ObjectNode c = podSpec.putArray("containers").addObject();
        c.put("image", "us-docker.pkg.dev/gar-prod-setup/harness-public/harness/delegate:" + version)
                .put("imagePullPolicy", "Always")
                .put("name", "delegate");
        c.putObject("securityContext").put("allowPrivilegeEscalation", false).put("runAsUser", 0);
        c.putArray("ports").addObject().put("containerPort", 8080);
        ObjectNode resources = c.putObject("resources");
        resources.putObject("limits").put("memory", "2048Mi");
        resources.putObject("requests").put("cpu", "0.5").put("memory", "2048Mi");
        for (String probe : List.of("livenessProbe", "startupProbe")) {
            ObjectNode p = c.putObject(probe);
            p.putObject("httpGet").put("path", "/api/health").put("port", 3460).put("scheme", "HTTP");
            p.put("initialDelaySeconds", probe.equals("startupProbe") ? 30 : 0)
                    .put("periodSeconds", probe.equals("startupProbe") ? 10 : 10)
                    .put("failureThreshold", probe.equals("startupProbe") ? 15 : 3);
        }
        c.putArray("envFrom").addObject().putObject("secretRef").put("name", request.name() + "-account-token");
        ArrayNode env = c.putArray("env");
        env(env, "JAVA_OPTS", "-Xms64M");
        env(env, "ACCOUNT_ID", accountId);
        env(env, "MANAGER_HOST_AND_PORT", managerUrl);
        env(env, "DEPLOY_MODE", "KUBERNETES");
        env(env, "DELEGATE_NAME", request.name());
        env(env, "DELEGATE_TYPE", "KUBERNETES");
        env.addObject()
                .put("name", "DELEGATE_NAMESPACE")
                .putObject("valueFrom")
                .putObject("fieldRef")
                .put("fieldPath", "metadata.namespace");
        env(env, "INIT_SCRIPT", "");
        env(env, "DELEGATE_DESCRIPTION", request.description() == null ? "" : request.description());
        env(env, "DELEGATE_TAGS", String.join(",", request.tags() == null ? List.of() : request.tags()));
        env(env, "NEXT_GEN", "true");
        env(env, "CLIENT_TOOLS_DOWNLOAD_DISABLED", "true");
        env(env, "LOG_STREAMING_SERVICE_URL", managerUrl + "/log-service/");
        return d;
    }

    private static void env(ArrayNode env, String name, String value) {
        env.addObject().put("name", name).put("value", value);
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode o = HarnessResponses.JSON
                .createObjectNode()
                .put("apiVersion", apiVersion)
                .put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return o;
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
