package dev.eksirsa.engine.delegate;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The delegate's Deployment as Harness's NextGen manifest has it, running as the IRSA service account. */
final class DelegateDeployment {
    static final String CONTAINER = "delegate";
    static final int HEALTH_PORT = 3460;
    static final String HEALTH_PATH = "/api/health";

    private DelegateDeployment() {}

    static Deployment of(DelegateSpec spec, Map<String, String> labels) {
        Map<String, String> selector = Map.of(DelegateManifest.NAME_LABEL, spec.name());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(HEALTH_PORT));
        annotations.put("prometheus.io/path", "/api/metrics");
        return new DeploymentBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(spec.name())
                        .withNamespace(spec.namespace())
                        .withLabels(labels)
                        .build())
                .withNewSpec()
                .withReplicas(spec.replicas())
                // Harness's value: a replica counts as available only after it had time to register
                .withMinReadySeconds(120)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(selector)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(spec.serviceAccount())
                // running tasks finish before the pod goes
                .withTerminationGracePeriodSeconds(600L)
                .withRestartPolicy("Always")
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(spec.image())
                .withImagePullPolicy("Always")
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withRunAsUser(0L)
                .endSecurityContext()
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .withNewResources()
                .addToLimits("memory", new Quantity("2048Mi"))
                .addToRequests("cpu", new Quantity("0.5"))
                .addToRequests("memory", new Quantity("2048Mi"))
                .endResources()
                .withLivenessProbe(probe(10, 10, 3))
                .withStartupProbe(probe(30, 10, 15))
                .addNewEnvFrom()
                .withNewSecretRef()
                .withName(spec.tokenSecretName())
                .endSecretRef()
                .endEnvFrom()
                .withEnv(env(spec))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Probe probe(int initialDelay, int period, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(HEALTH_PATH)
                .withPort(new IntOrString(HEALTH_PORT))
                .withScheme("HTTP")
                .endHttpGet()
                .withInitialDelaySeconds(initialDelay)
                .withPeriodSeconds(period)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    /** The environment of Harness's own manifest; DELEGATE_TOKEN comes from the Secret through envFrom. */
    private static List<EnvVar> env(DelegateSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value("JAVA_OPTS", "-Xms64M"));
        env.add(value("ACCOUNT_ID", spec.accountId()));
        env.add(value("MANAGER_HOST_AND_PORT", spec.managerUrl()));
        env.add(value("DEPLOY_MODE", "KUBERNETES"));
        env.add(value("DELEGATE_NAME", spec.name()));
        env.add(value("DELEGATE_TYPE", "KUBERNETES"));
        env.add(new EnvVarBuilder()
                .withName("DELEGATE_NAMESPACE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .build());
        env.add(value("INIT_SCRIPT", ""));
        env.add(value("DELEGATE_DESCRIPTION", spec.description()));
        env.add(value("DELEGATE_TAGS", String.join(",", spec.tags())));
        env.add(value("NEXT_GEN", "true"));
        env.add(value("CLIENT_TOOLS_DOWNLOAD_DISABLED", "true"));
        env.add(value("DELEGATE_RESOURCE_THRESHOLD", ""));
        env.add(value("DYNAMIC_REQUEST_HANDLING", "false"));
        env.add(value("LOG_STREAMING_SERVICE_URL", spec.logStreamingServiceUrl()));
        return env;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
