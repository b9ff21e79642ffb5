package dev.eksirsa.engine.delegate;

import static dev.eksirsa.engine.delegate.DelegateFixtures.IRSA_ACCOUNT;
import static dev.eksirsa.engine.delegate.DelegateFixtures.NAMESPACE;
import static dev.eksirsa.engine.delegate.DelegateFixtures.TOKEN;
import static dev.eksirsa.engine.delegate.DelegateFixtures.TOKEN_BASE64;
import static dev.eksirsa.engine.delegate.DelegateFixtures.spec;
import static dev.eksirsa.engine.delegate.DelegateFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DelegateManifestTest {

    @Test
    void render_clusterAdmin_bindsClusterAdminToTheIrsaServiceAccount() {
        DelegateManifest manifest = DelegateManifest.render(spec().build(), token());

        ClusterRoleBinding binding = single(manifest.ofType(ClusterRoleBinding.class));
        assertThat(binding.getApiVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("cluster-admin");
        assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.getSubjects()).singleElement().satisfies(this::namesTheIrsaAccount);
        assertThat(manifest.ofType(Role.class)).isEmpty();
        assertThat(manifest.ofType(RoleBinding.class)).isEmpty();
    }

    @Test
    void render_clusterViewer_bindsViewToTheIrsaServiceAccount() {
        DelegateManifest manifest = DelegateManifest.render(
                spec().permissionLevel(PermissionLevel.CLUSTER_VIEWER).build(), token());

        ClusterRoleBinding binding = single(manifest.ofType(ClusterRoleBinding.class));
        assertThat(binding.getApiVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(binding.getRoleRef().getName()).isEqualTo("view");
        assertThat(binding.getSubjects()).singleElement().satisfies(this::namesTheIrsaAccount);
    }

    @Test
    void render_namespaceAdmin_grantsEverythingInTheNamespaceOnlyToTheIrsaServiceAccount() {
        DelegateManifest manifest = DelegateManifest.render(
                spec().permissionLevel(PermissionLevel.NAMESPACE_ADMIN).build(), token());

        assertThat(manifest.ofType(ClusterRoleBinding.class)).isEmpty();
        Role role = single(manifest.ofType(Role.class));
        RoleBinding binding = single(manifest.ofType(RoleBinding.class));
        assertThat(role.getApiVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("*");
            assertThat(rule.getResources()).containsExactly("*");
            assertThat(rule.getVerbs()).containsExactly("*");
        });
        assertThat(binding.getApiVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(this::namesTheIrsaAccount);
    }

    @ParameterizedTest
    @EnumSource(PermissionLevel.class)
    void render_anyPermissionLevel_runsAsTheIrsaServiceAccountAndNeverRendersIt(PermissionLevel level) {
        DelegateManifest manifest =
                DelegateManifest.render(spec().permissionLevel(level).build(), token());

        assertThat(manifest.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(IRSA_ACCOUNT);
        assertThat(manifest.ofType(ServiceAccount.class)).isEmpty();
        assertThat(manifest.objects())
                .allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/managed-by", "eks-irsa"));
        assertThat(manifest.objects().get(0)).isInstanceOf(Namespace.class);
        assertThat(kinds(manifest)).endsWith("Secret", "Deployment");
    }

    @Test
    void render_tokenIsOnlyInTheSecret_readByTheDeploymentThroughEnvFrom() {
        DelegateManifest manifest = DelegateManifest.render(spec().build(), token());

        Secret secret = single(manifest.ofType(Secret.class));
        assertThat(secret.getMetadata().getName()).isEqualTo("eks-delegate-account-token");
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsExactly(Map.entry("DELEGATE_TOKEN", TOKEN_BASE64));
        Container container = container(manifest.deployment());
        assertThat(container.getEnvFrom())
                .singleElement()
                .satisfies(from -> assertThat(from.getSecretRef().getName()).isEqualTo("eks-delegate-account-token"));
        assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("DELEGATE_TOKEN");
        for (HasMetadata object : manifest.objects()) {
            if (!(object instanceof Secret)) {
                assertThat(ManifestYaml.write(List.of(object)))
                        .as(DelegateManifest.describe(object))
                        .doesNotContain(TOKEN)
                        .doesNotContain(TOKEN_BASE64);
            }
        }
    }

    @Test
    void render_deployment_hasHarnessEnvironmentProbesAndSelector() {
        DelegateManifest manifest = DelegateManifest.render(spec().replicas(2).build(), token());
        Deployment deployment = manifest.deployment();

        assertThat(deployment.getMetadata().getName()).isEqualTo("eks-delegate");
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("harness.io/name", "eks-delegate"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getMetadata().getLabels()).containsEntry("harness.io/name", "eks-delegate");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getMinReadySeconds()).isEqualTo(120);
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(600L);

        Container container = container(deployment);
        assertThat(container.getName()).isEqualTo("delegate");
        assertThat(container.getImage())
                .isEqualTo("us-docker.pkg.dev/gar-prod-setup/harness-public/harness/delegate:25.06.86100");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getRunAsUser()).isZero();
        assertThat(container.getResources().getLimits().get("memory").toString())
                .isEqualTo("2048Mi");
        assertThat(container.getResources().getRequests().get("memory").toString())
                .isEqualTo("2048Mi");
        assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("0.5");
        for (var probe : List.of(container.getLivenessProbe(), container.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/api/health");
            assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(3460);
        }

        Map<String, String> env = values(container);
        assertThat(env)
                .containsEntry("ACCOUNT_ID", "px7xd_BFRCi-pfWPYXVjvw")
                .containsEntry("MANAGER_HOST_AND_PORT", "https://app.harness.io/gratis")
                .containsEntry("DELEGATE_NAME", "eks-delegate")
                .containsEntry("DELEGATE_TYPE", "KUBERNETES")
                .containsEntry("DEPLOY_MODE", "KUBERNETES")
                .containsEntry("NEXT_GEN", "true")
                .containsEntry("DELEGATE_TAGS", "eks,irsa")
                .containsEntry("DELEGATE_DESCRIPTION", "EKS delegate with IRSA")
                .containsEntry("LOG_STREAMING_SERVICE_URL", "https://app.harness.io/gratis/log-service/")
                .containsEntry("JAVA_OPTS", "-Xms64M")
                .containsEntry("CLIENT_TOOLS_DOWNLOAD_DISABLED", "true");
        assertThat(container.getEnv())
                .filteredOn(e -> e.getName().equals("DELEGATE_NAMESPACE"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.namespace"));
    }

    @Test
    void render_withUpgrader_addsTheCronJobWithItsOwnAccountAndTheTokenOnlyInSecrets() {
        DelegateManifest manifest =
                DelegateManifest.render(spec().upgrader(true).build(), token());

        CronJob cronJob = single(manifest.ofType(CronJob.class));
        assertThat(cronJob.getApiVersion()).isEqualTo("batch/v1");
        assertThat(cronJob.getMetadata().getName()).isEqualTo("eks-delegate-upgrader-job");
        var pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName())
                .isEqualTo("eks-delegate-upgrader")
                .isNotEqualTo(IRSA_ACCOUNT);
        // the one ServiceAccount rendered is the upgrader's plain one, never the IRSA one
        assertThat(manifest.ofType(ServiceAccount.class))
                .extracting(sa -> sa.getMetadata().getName())
                .containsExactly("eks-delegate-upgrader");
        assertThat(manifest.ofType(Secret.class))
                .extracting(s -> s.getData().keySet())
                .containsExactly(java.util.Set.of("DELEGATE_TOKEN"), java.util.Set.of("UPGRADER_TOKEN"));
        assertThat(ManifestYaml.write(manifest.objects().stream()
                        .filter(o -> !(o instanceof Secret))
                        .toList()))
                .doesNotContain(TOKEN)
                .doesNotContain(TOKEN_BASE64);
        String config = manifest.ofType(io.fabric8.kubernetes.api.model.ConfigMap.class)
                .get(0)
                .getData()
                .get("config.yaml");
        assertThat(config).contains("workloadName: eks-delegate", "managerHost: https://app.harness.io/gratis");
    }

    @Test
    void render_withoutUpgrader_hasNoCronJob() {
        DelegateManifest manifest = DelegateManifest.render(spec().build(), token());

        assertThat(manifest.ofType(CronJob.class)).isEmpty();
        assertThat(kinds(manifest)).containsExactly("Namespace", "ClusterRoleBinding", "Secret", "Deployment");
    }

    @ParameterizedTest
    @EnumSource(PermissionLevel.class)
    void toYaml_parsedBack_isTheSameObjects(PermissionLevel level) {
        DelegateManifest rendered = DelegateManifest.render(
                spec().permissionLevel(level).upgrader(true).build(), token());

        String yaml = rendered.toYaml();
        DelegateManifest parsed = DelegateManifest.parse("manifest", yaml);

        assertThat(parsed).isEqualTo(rendered);
        assertThat(parsed.toYaml()).isEqualTo(yaml);
        // strings that look like numbers or booleans stay strings for the API server
        assertThat(yaml).contains("prometheus.io/port: \"3460\"", "value: \"true\"");
    }

    @Test
    void toString_namesObjectsButNotTheToken() {
        DelegateManifest manifest =
                DelegateManifest.render(spec().upgrader(true).build(), token());

        assertThat(manifest.toString())
                .contains("Secret harness-delegate-ng/eks-delegate-account-token", "Deployment")
                .doesNotContain(TOKEN)
                .doesNotContain(TOKEN_BASE64);
        assertThat(token().toString()).doesNotContain(TOKEN);
        assertThat(spec().build().toString()).doesNotContain(TOKEN);
    }

    private void namesTheIrsaAccount(Subject subject) {
        assertThat(subject.getKind()).isEqualTo("ServiceAccount");
        assertThat(subject.getName()).isEqualTo(IRSA_ACCOUNT).isNotEqualTo("default");
        assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
    }

    private static List<String> kinds(DelegateManifest manifest) {
        return manifest.objects().stream().map(HasMetadata::getKind).toList();
    }

    private static Container container(Deployment deployment) {
        return single(deployment.getSpec().getTemplate().getSpec().getContainers());
    }

    private static Map<String, String> values(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
