package dev.eksirsa.engine.delegate;

import static dev.eksirsa.engine.delegate.DelegateFixtures.IRSA_ACCOUNT;
import static dev.eksirsa.engine.delegate.DelegateFixtures.NAMESPACE;
import static dev.eksirsa.engine.delegate.DelegateFixtures.TOKEN;
import static dev.eksirsa.engine.delegate.DelegateFixtures.TOKEN_BASE64;
import static dev.eksirsa.engine.delegate.DelegateFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

class DownloadedManifestPatcherTest {
    private static final String HARNESS_FILE = resource("harness-delegate.yaml");
    private final DownloadedManifestPatcher patcher =
            new DownloadedManifestPatcher(new ServiceAccountRef(NAMESPACE, IRSA_ACCOUNT));

    @Test
    void patch_harnessFile_runsTheDeploymentAsTheIrsaServiceAccount() {
        PatchedManifest patched = patcher.patch(HARNESS_FILE);

        assertThat(patched.manifest()
                        .deployment()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getServiceAccountName())
                .isEqualTo(IRSA_ACCOUNT);
        assertThat(patched.fixes())
                .contains("Deployment harness-delegate-ng/kubernetes-delegate: serviceAccountName (unset, so default)"
                        + " → delegate-irsa");
    }

    @Test
    void patch_harnessFile_bindsClusterAdminToTheIrsaServiceAccountOnRbacV1() {
        PatchedManifest patched = patcher.patch(HARNESS_FILE);

        ClusterRoleBinding binding =
                patched.manifest().ofType(ClusterRoleBinding.class).get(0);
        assertThat(binding.getApiVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(binding.getRoleRef().getName()).isEqualTo("cluster-admin");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(IRSA_ACCOUNT);
            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
        });
        assertThat(patched.fixes())
                .contains(
                        "ClusterRoleBinding harness-delegate-ng-cluster-admin: apiVersion"
                                + " rbac.authorization.k8s.io/v1beta1 → rbac.authorization.k8s.io/v1 (removed in"
                                + " Kubernetes 1.22)",
                        "ClusterRoleBinding harness-delegate-ng-cluster-admin: subject ServiceAccount"
                                + " harness-delegate-ng/default → harness-delegate-ng/delegate-irsa");
    }

    @Test
    void patch_harnessFile_listsOneLinePerFixAndLeavesTheRestAsHarnessWroteIt() {
        PatchedManifest patched = patcher.patch(HARNESS_FILE);

        assertThat(patched.fixes()).hasSize(4).allSatisfy(fix -> assertThat(fix).doesNotContain("\n"));
        assertThat(patched.fixes())
                .contains("CronJob harness-delegate-ng/kubernetes-delegate-upgrader-job: apiVersion batch/v1beta1 →"
                        + " batch/v1 (removed in Kubernetes 1.25)");
        assertThat(patched.manifest().objects())
                .extracting(HasMetadata::getKind)
                .containsExactly(
                        "Namespace",
                        "ClusterRoleBinding",
                        "Secret",
                        "Deployment",
                        "HorizontalPodAutoscaler",
                        "Role",
                        "RoleBinding",
                        "ServiceAccount",
                        "Secret",
                        "ConfigMap",
                        "CronJob");
        assertThat(patched.manifest().ofType(CronJob.class)).singleElement().satisfies(c -> assertThat(c.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getServiceAccountName())
                .isEqualTo("upgrader-cronjob-sa"));
        // the upgrader's binding names its own account, not default: untouched
        assertThat(patched.manifest().ofType(RoleBinding.class))
                .singleElement()
                .satisfies(b -> assertThat(b.getSubjects().get(0).getName()).isEqualTo("upgrader-cronjob-sa"));
        assertThat(patched.manifest().ofType(Secret.class).get(0).getData())
                .containsEntry("DELEGATE_TOKEN", TOKEN_BASE64);
    }

    @Test
    void patch_defaultInBothPodFields_setsTheNameAndDropsTheDeprecatedAlias() {
        String file = HARNESS_FILE.replace(
                "      terminationGracePeriodSeconds: 600",
                "      serviceAccountName: default\n      serviceAccount: default\n      terminationGracePeriodSeconds: 600");

        PatchedManifest patched = patcher.patch(file);

        var pod = patched.manifest().deployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(IRSA_ACCOUNT);
        assertThat(pod.getServiceAccount()).isNull();
        assertThat(patched.fixes())
                .contains(
                        "Deployment harness-delegate-ng/kubernetes-delegate: serviceAccountName default →"
                                + " delegate-irsa",
                        "Deployment harness-delegate-ng/kubernetes-delegate: deprecated serviceAccount default"
                                + " removed");
    }

    @Test
    void patch_defaultAccountOfAnotherNamespace_staysBound() {
        String file = HARNESS_FILE.replace(
                "    name: default\n    namespace: harness-delegate-ng\n",
                "    name: default\n    namespace: harness-delegate-ng\n"
                        + "  - kind: ServiceAccount\n    name: default\n    namespace: kube-system\n");

        PatchedManifest patched = patcher.patch(file);

        assertThat(patched.manifest().ofType(ClusterRoleBinding.class).get(0).getSubjects())
                .extracting(s -> s.getNamespace() + "/" + s.getName())
                .containsExactly("harness-delegate-ng/delegate-irsa", "kube-system/default");
    }

    @Test
    void patch_patchedOutput_needsNoFurtherFix() {
        String once = patcher.patch(HARNESS_FILE).manifest().toYaml();

        PatchedManifest twice = patcher.patch(once);

        assertThat(twice.fixes()).isEmpty();
        assertThat(twice.changed()).isFalse();
    }

    @Test
    void patch_brokenIndentation_isRefusedNamingFieldLineAndProblemButNoContent() {
        String broken = resource("harness-delegate-broken-indentation.yaml");

        assertThatThrownBy(() -> patcher.patch(broken)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("manifest");
            assertThat(e.getMessage())
                    .contains("line 24")
                    .contains("mapping values are not allowed here")
                    .doesNotContain("harness/delegate")
                    .doesNotContain("imagePullPolicy")
                    .doesNotContain(TOKEN_BASE64);
        });
    }

    @Test
    void patch_syntaxErrorOnTheTokenLine_neverQuotesTheToken() {
        String broken = HARNESS_FILE.replace(
                "  DELEGATE_TOKEN: \"" + TOKEN_BASE64 + "\"", "  DELEGATE_TOKEN: \"" + TOKEN_BASE64 + "\n  x: [");

        assertThatThrownBy(() -> patcher.patch(broken)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("manifest");
            assertThat(e.getMessage())
                    .contains("line ")
                    .doesNotContain(TOKEN_BASE64)
                    .doesNotContain(TOKEN);
            assertThat(String.valueOf(e.getCause())).doesNotContain(TOKEN_BASE64);
        });
    }

    @Test
    void patch_tabIndentation_namesTheProblemWithoutTheCharacter() {
        String broken = HARNESS_FILE.replace("  DELEGATE_TOKEN:", "\tDELEGATE_TOKEN:");

        assertThatThrownBy(() -> patcher.patch(broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("found character (not shown) that cannot start any token")
                .hasMessageNotContaining(TOKEN_BASE64);
    }

    @Test
    void patch_duplicateKey_isRefusedWithoutNamingIt() {
        String broken = HARNESS_FILE.replace(
                "  DELEGATE_TOKEN: \"" + TOKEN_BASE64 + "\"",
                "  DELEGATE_TOKEN: \"" + TOKEN_BASE64 + "\"\n  DELEGATE_TOKEN: \"" + TOKEN_BASE64 + "\"");

        assertThatThrownBy(() -> patcher.patch(broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a key appears twice")
                .hasMessageNotContaining("DELEGATE_TOKEN")
                .hasMessageNotContaining(TOKEN_BASE64);
    }

    @Test
    void patch_valueOfTheWrongType_namesThePathNotTheValue() {
        String broken = HARNESS_FILE.replace("  minReadySeconds: 120", "  minReadySeconds: " + TOKEN);

        assertThatThrownBy(() -> patcher.patch(broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Deployment kubernetes-delegate")
                .hasMessageContaining("spec.minReadySeconds")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void patch_notADelegateManifest_isRefused() {
        assertThatThrownBy(() -> patcher.patch("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0 Deployments");
        assertThatThrownBy(() -> patcher.patch("- just\n- a list\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("document 1 is not a Kubernetes object");
        assertThatThrownBy(() -> patcher.patch("  \n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid manifest: is empty");
    }

    @Test
    void patch_manifestForAnotherNamespace_isRefusedNamingBoth() {
        DownloadedManifestPatcher elsewhere =
                new DownloadedManifestPatcher(new ServiceAccountRef("delegates", IRSA_ACCOUNT));

        assertThatThrownBy(() -> elsewhere.patch(HARNESS_FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("namespace harness-delegate-ng")
                .hasMessageContaining("delegates/delegate-irsa");
    }

    @Test
    void constructor_defaultOrPatternServiceAccount_isRefused() {
        assertThatThrownBy(() -> new DownloadedManifestPatcher(new ServiceAccountRef(NAMESPACE, "default")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not default");
        assertThatThrownBy(() -> new DownloadedManifestPatcher(new ServiceAccountRef(NAMESPACE, "delegate-*")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a pattern");
    }

    @Test
    void toString_ofThePatchedManifest_holdsNoToken() {
        PatchedManifest patched = patcher.patch(HARNESS_FILE);

        assertThat(patched.toString())
                .contains("Secret harness-delegate-ng/kubernetes-delegate-account-token")
                .doesNotContain(TOKEN_BASE64)
                .doesNotContain(TOKEN);
        assertThat(String.join("\n", patched.fixes())).doesNotContain(TOKEN_BASE64);
    }
}
