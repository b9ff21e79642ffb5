package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.Concurrently;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Annotates the service accounts with the role (creating namespace and service account when missing), with
 * server-side apply as field manager {@code eks-irsa}, so that annotations and labels of others stay. For
 * {@code state: absent} removes only our annotation and label, and only when the annotation names our role.
 *
 * <p>A service account annotated with a role eks-irsa did not put there is refused unless the options allow a
 * takeover; then the previous role is kept in {@link #PREVIOUS_ROLE_ARN} (part of the ownership contract) and put
 * back on teardown.
 */
public final class ServiceAccountBinder {
    /** The audience the pod identity webhook requests when the service account names none. */
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public static final String FIELD_MANAGER = "eks-irsa";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
    public static final String AUDIENCE = "eks.amazonaws.com/audience";
    public static final String REGIONAL = "eks.amazonaws.com/sts-regional-endpoints";
    public static final String EXPIRATION = "eks.amazonaws.com/token-expiration";
    /** The role a service account had before eks-irsa took it over; restored on teardown. */
    public static final String PREVIOUS_ROLE_ARN = "eks-irsa/previous-role-arn";

    private final KubernetesClient kube;
    private final ProgressListener progress;

    public ServiceAccountBinder(KubernetesClient kube, ProgressListener progress) {
        this.kube = kube;
        this.progress = progress;
    }

    public List<PlannedChange> plan(
            List<ServiceAccountRef> accounts, String roleArn, String audience, ServiceAccountOptions options) {
        List<PlannedChange> changes = new ArrayList<>();
        Set<String> namespacesRead = new HashSet<>();
        for (ServiceAccountRef ref : accounts) {
            if (ref.isPattern()) {
                progress.warn("service account pattern " + ref + " is trusted but not annotated (no single object)");
                continue;
            }
            // the namespace is read with the service account, not after it: one round trip, not two
            boolean namespaceUnknown = !namespacesRead.contains(ref.namespace());
            namespacesRead.add(ref.namespace());
            CompletableFuture<Boolean> namespaceExists = namespaceUnknown
                    ? Concurrently.start(() -> read(
                                    () -> kube.namespaces()
                                            .withName(ref.namespace())
                                            .get(),
                                    "namespace " + ref.namespace())
                            != null)
                    : CompletableFuture.completedFuture(true);
            ServiceAccount actual = serviceAccount(ref);
            if (!Concurrently.join(namespaceExists)) {
                changes.add(createNamespace(ref.namespace()));
            }
            Map<String, String> annotations = desiredAnnotations(roleArn, audience, options);
            String current = actual == null ? null : annotationsOf(actual).get(ROLE_ARN);
            String previous = actual == null ? null : annotationsOf(actual).get(PREVIOUS_ROLE_ARN);
            String currentManager = actual == null ? null : labelsOf(actual).get(MANAGED_BY_LABEL);
            if (previous != null) {
                annotations.put(PREVIOUS_ROLE_ARN, previous); // ours since an earlier takeover: keep the record
            } else if (current != null && !current.equals(roleArn) && !FIELD_MANAGER.equals(currentManager)) {
                if (!options.overrideExisting()) {
                    throw new ConflictException("service account " + ref + " is annotated with IAM role " + current
                            + ", which eks-irsa did not put there; set overrideExistingServiceAccounts"
                            + " (--override-existing-service-accounts) to take it over (the previous role is kept in "
                            + PREVIOUS_ROLE_ARN + " and restored on teardown)");
                }
                annotations.put(PREVIOUS_ROLE_ARN, current);
                progress.warn("service account " + ref + " was annotated with " + current + "; taken over, the"
                        + " previous role is kept in " + PREVIOUS_ROLE_ARN);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (currentManager == null || FIELD_MANAGER.equals(currentManager)) {
                labels.put(MANAGED_BY_LABEL, FIELD_MANAGER);
            } else {
                progress.warn("service account " + ref + " is labelled " + MANAGED_BY_LABEL + "=" + currentManager
                        + "; the label is left to its owner");
            }
            if (actual == null) {
                changes.add(apply(
                        ref,
                        annotations,
                        labels,
                        Change.create("ServiceAccount", ref.toString(), "annotate " + ROLE_ARN + "=" + roleArn)));
            } else if (differs(annotationsOf(actual), annotations) || differs(labelsOf(actual), labels)) {
                String from = annotationsOf(actual).get(ROLE_ARN);
                changes.add(apply(
                        ref,
                        annotations,
                        labels,
                        Change.update(
                                "ServiceAccount",
                                ref.toString(),
                                "annotate " + ROLE_ARN + "=" + roleArn
                                        + (from == null || from.equals(roleArn) ? "" : " (was " + from + ")"))));
            }
        }
        return changes;
    }

    public List<PlannedChange> planRemoval(
            List<ServiceAccountRef> accounts, String roleArn, String audience, ServiceAccountOptions options) {
        List<PlannedChange> changes = new ArrayList<>();
        for (ServiceAccountRef ref : accounts) {
            if (ref.isPattern()) {
                continue;
            }
            ServiceAccount actual = serviceAccount(ref);
            if (actual == null || !roleArn.equals(annotationsOf(actual).get(ROLE_ARN))) {
                continue;
            }
            Map<String, Object> annotations = new LinkedHashMap<>();
            desiredAnnotations(roleArn, audience, options).keySet().forEach(k -> annotations.put(k, null));
            String previous = annotationsOf(actual).get(PREVIOUS_ROLE_ARN);
            if (previous != null) {
                annotations.put(ROLE_ARN, previous);
                annotations.put(PREVIOUS_ROLE_ARN, null);
            }
            Map<String, Object> labels = new LinkedHashMap<>();
            if (FIELD_MANAGER.equals(labelsOf(actual).get(MANAGED_BY_LABEL))) {
                labels.put(MANAGED_BY_LABEL, null);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("annotations", annotations);
            if (!labels.isEmpty()) {
                metadata.put("labels", labels);
            }
            String patch = json(Map.of("metadata", metadata));
            changes.add(new PlannedChange(
                    Change.update(
                            "ServiceAccount",
                            ref.toString(),
                            previous == null
                                    ? "remove annotation " + ROLE_ARN + " and our label"
                                    : "restore annotation " + ROLE_ARN + "=" + previous),
                    () -> {
                        progress.info("Removing the IRSA annotation from service account " + ref);
                        write(
                                () -> kube.serviceAccounts()
                                        .inNamespace(ref.namespace())
                                        .withName(ref.name())
                                        .patch(patch),
                                "patch of service account " + ref);
                    }));
        }
        return changes;
    }

    public static Map<String, String> desiredAnnotations(
            String roleArn, String audience, ServiceAccountOptions options) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ROLE_ARN, roleArn);
        if (!DEFAULT_AUDIENCE.equals(audience)) {
            annotations.put(AUDIENCE, audience);
        }
        if (options.stsRegionalEndpoints() != null) {
            annotations.put(REGIONAL, options.stsRegionalEndpoints().toString());
        }
        if (options.tokenExpiration() != null) {
            annotations.put(EXPIRATION, options.tokenExpiration().toString());
        }
        return annotations;
    }

    private PlannedChange createNamespace(String name) {
        Namespace namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(MANAGED_BY_LABEL, FIELD_MANAGER)
                .endMetadata()
                .build();
        return new PlannedChange(Change.create("Namespace", name, "create the namespace"), () -> {
            progress.info("Creating namespace " + name);
            write(
                    () -> kube.namespaces()
                            .resource(namespace)
                            .fieldManager(FIELD_MANAGER)
                            .serverSideApply(),
                    "creation of namespace " + name);
        });
    }

    private PlannedChange apply(
            ServiceAccountRef ref, Map<String, String> annotations, Map<String, String> labels, Change change) {
        ServiceAccount desired = new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(ref.name())
                .withNamespace(ref.namespace())
                .withAnnotations(annotations)
                .withLabels(labels.isEmpty() ? null : labels)
                .endMetadata()
                .build();
        return new PlannedChange(change, () -> {
            progress.info("Annotating service account " + ref + " with " + annotations.get(ROLE_ARN));
            write(
                    () -> kube.serviceAccounts()
                            .inNamespace(ref.namespace())
                            .resource(desired)
                            .fieldManager(FIELD_MANAGER)
                            .forceConflicts()
                            .serverSideApply(),
                    "server-side apply of service account " + ref);
        });
    }

    private static boolean differs(Map<String, String> actual, Map<String, String> desired) {
        return desired.entrySet().stream().anyMatch(e -> !Objects.equals(actual.get(e.getKey()), e.getValue()));
    }

    private static Map<String, String> annotationsOf(ServiceAccount sa) {
        Map<String, String> a = sa.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    private static Map<String, String> labelsOf(ServiceAccount sa) {
        Map<String, String> l = sa.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }

    public static <T> T read(Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate("reading " + what, e);
        }
    }

    public static void write(Supplier<?> call, String what) {
        try {
            ModifiedConflicts.retry(call);
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(what, e);
        }
    }

    private static String json(Map<String, Object> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EksIrsaException("patch not serialisable: " + e.getMessage());
        }
    }

    private ServiceAccount serviceAccount(ServiceAccountRef ref) {
        return read(
                () -> kube.serviceAccounts()
                        .inNamespace(ref.namespace())
                        .withName(ref.name())
                        .get(),
                "service account " + ref);
    }
}
