package dev.eksirsa.engine.delegate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the delegate manifest Harness lets users download fit for IRSA, as the runbook does by hand: the Deployment
 * runs as the IRSA service account instead of {@code default}, the bindings grant their role to that service
 * account instead of {@code default}, and API versions Kubernetes removed (rbac v1beta1 in 1.22, batch v1beta1 in
 * 1.25, both in older files) become v1. Everything else stays as Harness wrote it.
 */
public final class DownloadedManifestPatcher {
    public static final String FIELD = "manifest";
    private static final String DEFAULT_ACCOUNT = "default";

    private final ServiceAccountRef serviceAccount;

    /** @param serviceAccount the IRSA service account the role step annotated */
    public DownloadedManifestPatcher(ServiceAccountRef serviceAccount) {
        if (serviceAccount == null || serviceAccount.isPattern()) {
            throw new InvalidInputException("serviceAccount", "must name one service account, not a pattern");
        }
        if (DEFAULT_ACCOUNT.equals(serviceAccount.name())) {
            throw new InvalidInputException(
                    "serviceAccount", "must be the IRSA service account the role step annotated, not default");
        }
        this.serviceAccount = serviceAccount;
    }

    public PatchedManifest patch(String yaml) {
        List<String> fixes = new ArrayList<>();
        List<ObjectNode> documents = ManifestYaml.readTrees(FIELD, yaml);
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            ObjectNode document = documents.get(i);
            upgradeApiVersion(document, fixes);
            objects.add(ManifestYaml.toObject(FIELD, i, document));
        }
        Deployment deployment = theDeployment(objects);
        runAsServiceAccount(deployment, fixes);
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding) {
                rebind(object, binding.getSubjects(), fixes);
            } else if (object instanceof RoleBinding binding) {
                rebind(object, binding.getSubjects(), fixes);
            }
        }
        return new PatchedManifest(new DelegateManifest(objects), fixes);
    }

    private static void upgradeApiVersion(ObjectNode document, List<String> fixes) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        String replacement = null;
        String removedIn = null;
        if (apiVersion.equals("rbac.authorization.k8s.io/v1beta1")
                || apiVersion.equals("rbac.authorization.k8s.io/v1alpha1")) {
            replacement = DelegateRbac.API_VERSION;
            removedIn = "1.22";
        } else if (apiVersion.equals("batch/v1beta1") && kind.equals("CronJob")) {
            replacement = "batch/v1";
            removedIn = "1.25";
        }
        if (replacement != null) {
            document.put("apiVersion", replacement);
            fixes.add(kind + " " + name(document) + ": apiVersion " + apiVersion + " → " + replacement
                    + " (removed in Kubernetes " + removedIn + ")");
        }
    }

    private Deployment theDeployment(List<HasMetadata> objects) {
        List<Deployment> deployments = objects.stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .toList();
        if (deployments.size() != 1) {
            throw new InvalidInputException(
                    FIELD,
                    "holds " + deployments.size() + " Deployments; a Harness Kubernetes delegate manifest has one");
        }
        Deployment deployment = deployments.get(0);
        String namespace = deployment.getMetadata() == null
                ? null
                : deployment.getMetadata().getNamespace();
        if (!serviceAccount.namespace().equals(namespace)) {
            throw new InvalidInputException(
                    FIELD,
                    "deploys the delegate into namespace " + (namespace == null ? "(none given)" : namespace)
                            + " but service account " + serviceAccount + " is in " + serviceAccount.namespace()
                            + "; a pod runs only as a service account of its own namespace");
        }
        if (deployment.getSpec() == null
                || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            throw new InvalidInputException(FIELD, "Deployment " + name(deployment) + " has no pod template");
        }
        return deployment;
    }

    private void runAsServiceAccount(Deployment deployment, List<String> fixes) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        String current = pod.getServiceAccountName();
        if (!serviceAccount.name().equals(current)) {
            pod.setServiceAccountName(serviceAccount.name());
            fixes.add("Deployment " + name(deployment) + ": serviceAccountName "
                    + (current == null ? "(unset, so default)" : current) + " → " + serviceAccount.name());
        }
        // the deprecated alias; the API server refuses a pod whose two fields disagree
        if (pod.getServiceAccount() != null && !serviceAccount.name().equals(pod.getServiceAccount())) {
            fixes.add("Deployment " + name(deployment) + ": deprecated serviceAccount " + pod.getServiceAccount()
                    + " removed");
            pod.setServiceAccount(null);
        }
    }

    /** Subjects naming the namespace's default service account name ours instead; other subjects stay. */
    private void rebind(HasMetadata binding, List<Subject> subjects, List<String> fixes) {
        String bindingNamespace = binding.getMetadata().getNamespace();
        for (Subject subject : subjects) {
            String subjectNamespace = subject.getNamespace() == null ? bindingNamespace : subject.getNamespace();
            if ("ServiceAccount".equals(subject.getKind())
                    && DEFAULT_ACCOUNT.equals(subject.getName())
                    && serviceAccount.namespace().equals(subjectNamespace)) {
                subject.setName(serviceAccount.name());
                subject.setNamespace(serviceAccount.namespace());
                fixes.add(binding.getKind() + " " + name(binding) + ": subject ServiceAccount " + subjectNamespace + "/"
                        + DEFAULT_ACCOUNT + " → " + serviceAccount);
            }
        }
    }

    private static String name(HasMetadata object) {
        return DelegateManifest.name(object);
    }

    private static String name(ObjectNode document) {
        String namespace = document.path("metadata").path("namespace").asText("");
        return (namespace.isEmpty() ? "" : namespace + "/")
                + document.path("metadata").path("name").asText("(unnamed)");
    }
}
