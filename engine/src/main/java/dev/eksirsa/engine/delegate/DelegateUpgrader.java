package dev.eksirsa.engine.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Harness's hourly upgrader: a CronJob that sets the delegate's image to the latest supported one. It runs as its
 * own plain service account, which only may patch the delegate's Deployment and the CronJob; it needs no AWS role,
 * so it does not share the delegate's IRSA service account.
 */
final class DelegateUpgrader {
    private static final String CONFIG_VOLUME = "config-volume";

    private DelegateUpgrader() {}

    static List<HasMetadata> objects(DelegateSpec spec, DelegateToken token, Map<String, String> labels) {
        String name = spec.name() + "-upgrader";
        ObjectMeta meta = meta(spec, name, labels);
        String tokenSecret = spec.name() + "-upgrader-token";
        String config = spec.name() + "-upgrader-config";
        return List.of(
                new ServiceAccountBuilder().withMetadata(meta).build(),
                new RoleBuilder()
                        .withApiVersion(DelegateRbac.API_VERSION)
                        .withMetadata(meta(spec, name, labels))
                        .withRules(
                                new PolicyRuleBuilder()
                                        .withApiGroups("batch", "apps", "extensions")
                                        .withResources("cronjobs")
                                        .withVerbs("get", "list", "watch", "update", "patch")
                                        .build(),
                                new PolicyRuleBuilder()
                                        .withApiGroups("extensions", "apps")
                                        .withResources("deployments")
                                        .withVerbs("get", "list", "watch", "create", "update", "patch")
                                        .build())
                        .build(),
                new RoleBindingBuilder()
                        .withApiVersion(DelegateRbac.API_VERSION)
                        .withMetadata(meta(spec, name, labels))
                        .withSubjects(DelegateRbac.serviceAccount(spec.namespace(), name))
                        .withRoleRef(DelegateRbac.roleRef("Role", name))
                        .build(),
                DelegateSecrets.secret(meta(spec, tokenSecret, labels), "UPGRADER_TOKEN", token),
                new ConfigMapBuilder()
                        .withMetadata(meta(spec, config, labels))
                        .addToData("config.yaml", configYaml(spec))
                        .build(),
                new CronJobBuilder()
                        .withMetadata(meta(spec, spec.name() + "-upgrader-job", labels))
                        .withNewSpec()
                        .withSchedule("0 */1 * * *")
                        .withConcurrencyPolicy("Forbid")
                        .withStartingDeadlineSeconds(20L)
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .withServiceAccountName(name)
                        .withRestartPolicy("Never")
                        .addNewContainer()
                        .withName("upgrader")
                        .withImage(spec.upgraderImage())
                        .withImagePullPolicy("Always")
                        .addNewEnvFrom()
                        .withNewSecretRef()
                        .withName(tokenSecret)
                        .endSecretRef()
                        .endEnvFrom()
                        .addNewVolumeMount()
                        .withName(CONFIG_VOLUME)
                        .withMountPath("/etc/config")
                        .endVolumeMount()
                        .endContainer()
                        .addNewVolume()
                        .withName(CONFIG_VOLUME)
                        .withNewConfigMap()
                        .withName(config)
                        .endConfigMap()
                        .endVolume()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build());
    }

    private static ObjectMeta meta(DelegateSpec spec, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(spec.namespace())
                .withLabels(labels)
                .build();
    }

    private static String configYaml(DelegateSpec spec) {
        Map<String, Object> delegateConfig = new LinkedHashMap<>();
        delegateConfig.put("accountId", spec.accountId());
        delegateConfig.put("managerHost", spec.managerUrl());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mode", "Delegate");
        config.put("dryRun", false);
        config.put("workloadName", spec.name());
        config.put("namespace", spec.namespace());
        config.put("containerName", DelegateDeployment.CONTAINER);
        config.put("delegateConfig", delegateConfig);
        try {
            return YAMLMapper.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build()
                    .writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("upgrader configuration not serialisable", e);
        }
    }
}
