package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pod identity webhook mutates pods only when they are created, so pods that predate the annotation run
 * without the role. Rolls each Deployment, StatefulSet and DaemonSet whose pods use the service account but lack
 * {@code AWS_ROLE_ARN} of this role, by setting the pod template's {@code kubectl.kubernetes.io/restartedAt} as
 * {@code kubectl rollout restart} does.
 */
public final class WorkloadRestarter {
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient kube;
    private final ProgressListener progress;
    private final Clock clock;

    public WorkloadRestarter(KubernetesClient kube, ProgressListener progress, Clock clock) {
        this.kube = kube;
        this.progress = progress;
        this.clock = clock;
    }

    /** Each planned restart's change id is {@code Kind/namespace/name}, which the result lists as restarted. */
    public List<PlannedChange> plan(List<ServiceAccountRef> accounts, String roleArn) {
        List<PlannedChange> out = new ArrayList<>();
        for (ServiceAccountRef ref : accounts) {
            if (ref.isPattern()) {
                continue;
            }
            String ns = ref.namespace();
            if (!anyPodLacksTheRole(ref, roleArn)) {
                continue; // one list of the namespace's pods answers the usual case: nothing to restart
            }
            List<Workload> workloads = new ArrayList<>();
            collect(
                    workloads,
                    "Deployment",
                    ns,
                    () -> kube.apps().deployments().inNamespace(ns).list().getItems(),
                    d -> d.getSpec().getTemplate(),
                    d -> d.getSpec().getSelector());
            collect(
                    workloads,
                    "StatefulSet",
                    ns,
                    () -> kube.apps().statefulSets().inNamespace(ns).list().getItems(),
                    d -> d.getSpec().getTemplate(),
                    d -> d.getSpec().getSelector());
            collect(
                    workloads,
                    "DaemonSet",
                    ns,
                    () -> kube.apps().daemonSets().inNamespace(ns).list().getItems(),
                    d -> d.getSpec().getTemplate(),
                    d -> d.getSpec().getSelector());
            for (Workload workload : workloads) {
                String sa = workload.template().getSpec().getServiceAccountName();
                if (!ref.name().equals(sa == null ? "default" : sa)) {
                    continue;
                }
                Map<String, String> labels =
                        workload.selector() == null ? null : workload.selector().getMatchLabels();
                if (labels == null || labels.isEmpty()) {
                    continue;
                }
                List<Pod> pods = ServiceAccountBinder.read(
                        () -> kube.pods()
                                .inNamespace(ns)
                                .withLabels(labels)
                                .list()
                                .getItems(),
                        "pods of " + workload.id());
                long stale = pods.stream().filter(p -> !hasRole(p, roleArn)).count();
                if (stale > 0) {
                    out.add(restart(workload, stale, pods.size()));
                }
            }
        }
        return out;
    }

    private static <T extends HasMetadata> void collect(
            List<Workload> into,
            String kind,
            String ns,
            Supplier<List<T>> list,
            Function<T, PodTemplateSpec> template,
            Function<T, LabelSelector> selector) {
        ServiceAccountBinder.read(list, kind.toLowerCase(java.util.Locale.ROOT) + "s in " + ns)
                .forEach(w -> into.add(
                        new Workload(kind, ns, w.getMetadata().getName(), template.apply(w), selector.apply(w))));
    }

    private record Workload(
            String kind, String namespace, String name, PodTemplateSpec template, LabelSelector selector) {
        String id() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    private PlannedChange restart(Workload workload, long stale, int total) {
        String kind = workload.kind();
        String ns = workload.namespace();
        String name = workload.name();
        String id = workload.id();
        return new PlannedChange(
                Change.update(
                        kind, ns + "/" + name, "restart: " + stale + " of " + total + " pods lack the IRSA identity"),
                () -> {
                    progress.info(
                            "Restarting " + id + " so its pods get the role (" + stale + " of " + total + " lack it)");
                    String patch = restartPatch(Instant.now(clock));
                    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
                    ServiceAccountBinder.write(
                            () -> switch (kind) {
                                case "Deployment" -> kube.apps()
                                        .deployments()
                                        .inNamespace(ns)
                                        .withName(name)
                                        .patch(merge, patch);
                                case "StatefulSet" -> kube.apps()
                                        .statefulSets()
                                        .inNamespace(ns)
                                        .withName(name)
                                        .patch(merge, patch);
                                default -> kube.apps()
                                        .daemonSets()
                                        .inNamespace(ns)
                                        .withName(name)
                                        .patch(merge, patch);
                            },
                            "restart of " + id);
                });
    }

    private boolean anyPodLacksTheRole(ServiceAccountRef ref, String roleArn) {
        List<Pod> pods = ServiceAccountBinder.read(
                () -> kube.pods().inNamespace(ref.namespace()).list().getItems(), "pods in " + ref.namespace());
        return pods.stream()
                .filter(pod -> pod.getSpec() != null)
                .filter(pod -> ref.name()
                        .equals(Optional.ofNullable(pod.getSpec().getServiceAccountName())
                                .orElse("default")))
                .anyMatch(pod -> !hasRole(pod, roleArn));
    }

    public static boolean hasRole(Pod pod, String roleArn) {
        List<Container> containers =
                pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        return !containers.isEmpty()
                && containers.stream()
                        .allMatch(c -> c.getEnv() != null
                                && c.getEnv().stream().anyMatch(e -> isRoleVar(e) && roleArn.equals(e.getValue())));
    }

    private static boolean isRoleVar(EnvVar e) {
        return "AWS_ROLE_ARN".equals(e.getName());
    }

    /** A JSON merge patch that stamps the pod template, as {@code kubectl rollout restart} does. */
    public static String restartPatch(Instant at) {
        Map<String, Object> patch = Map.of(
                "spec",
                Map.of("template", Map.of("metadata", Map.of("annotations", Map.of(RESTARTED_AT, at.toString())))));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(patch);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("restart patch not serialisable", e);
        }
    }
}
