package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.kube.ServiceAccountBinder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kubernetes objects of one Harness NextGen delegate, in the order they are applied: Namespace, RBAC, token
 * Secret, Deployment, and optionally the upgrader. Rendered from model objects, never from a text template. The
 * delegate's own service account is not among them: the role step creates and annotates it.
 *
 * <p>The Secrets hold the token: {@link #toString()} names the objects only, and {@link #toYaml()} is for
 * applying, not for printing.
 */
public record DelegateManifest(List<HasMetadata> objects) {
    public static final String NAME_LABEL = "harness.io/name";

    public DelegateManifest {
        objects = List.copyOf(objects);
    }

    public static DelegateManifest render(DelegateSpec spec, DelegateToken token) {
        Map<String, String> owned = Map.of(ServiceAccountBinder.MANAGED_BY_LABEL, Ownership.MANAGED_BY_VALUE);
        Map<String, String> delegate = new LinkedHashMap<>();
        delegate.put(NAME_LABEL, spec.name());
        delegate.putAll(owned);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(spec.namespace())
                        .withLabels(owned)
                        .build())
                .build());
        objects.addAll(DelegateRbac.objects(spec, owned));
        objects.add(DelegateSecrets.secret(
                new ObjectMetaBuilder()
                        .withName(spec.tokenSecretName())
                        .withNamespace(spec.namespace())
                        .withLabels(delegate)
                        .build(),
                "DELEGATE_TOKEN",
                token));
        objects.add(DelegateDeployment.of(spec, delegate));
        if (spec.upgrader()) {
            objects.addAll(DelegateUpgrader.objects(spec, token, owned));
        }
        return new DelegateManifest(objects);
    }

    /** Reads a multi-document YAML text; errors name {@code field}, a line and the problem, never the text. */
    public static DelegateManifest parse(String field, String yaml) {
        return new DelegateManifest(ManifestYaml.read(field, yaml));
    }

    public <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The delegate's Deployment; a manifest without exactly one is not a delegate's. */
    public Deployment deployment() {
        List<Deployment> deployments = ofType(Deployment.class);
        if (deployments.size() != 1) {
            throw new IllegalStateException("a delegate manifest has one Deployment, this one " + deployments.size());
        }
        return deployments.get(0);
    }

    public String toYaml() {
        return ManifestYaml.write(objects);
    }

    /** Kind and namespace/name of each object: the Secrets' data stays out. */
    @Override
    public String toString() {
        return objects.stream()
                .map(DelegateManifest::describe)
                .collect(Collectors.joining(", ", "DelegateManifest[", "]"));
    }

    static String describe(HasMetadata object) {
        return object.getKind() + " " + name(object);
    }

    /** {@code namespace/name}, or the name of a cluster-scoped object. */
    static String name(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        if (meta == null || meta.getName() == null) {
            return "(unnamed)";
        }
        return (meta.getNamespace() == null ? "" : meta.getNamespace() + "/") + meta.getName();
    }
}
