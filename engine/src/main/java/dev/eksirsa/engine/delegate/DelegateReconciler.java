package dev.eksirsa.engine.delegate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.harness.HarnessApiException;
import dev.eksirsa.engine.harness.HarnessClient;
import dev.eksirsa.engine.kube.ClusterObjects;
import dev.eksirsa.engine.kube.ServiceAccountBinder;
import dev.eksirsa.engine.kube.ServiceAccountRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Brings a Harness delegate to the requested state in one cluster and one Harness account: its token, its
 * manifest (rendered, or a downloaded one patched for IRSA), applied with server-side apply as field manager
 * {@value #FIELD_MANAGER} only where it would change something, its rollout and IRSA identity, its connection to
 * Harness, and its connectors. The service account is the role step's: never applied here.
 */
public final class DelegateReconciler {
    public static final String FIELD_MANAGER = "eks-irsa-delegate";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE_REPOSITORY = "us-docker.pkg.dev/gar-prod-setup/harness-public/harness/delegate";

    private final ClusterObjects kube;
    private final HarnessClient harness;
    private final Map<String, String> environment;
    private final ProgressListener progress;
    private final Deadline deadline;
    private final String region;
    private final List<Change> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public DelegateReconciler(
            ClusterObjects kube,
            HarnessClient harness,
            Map<String, String> environment,
            ProgressListener progress,
            Deadline deadline,
            String region) {
        this.kube = kube;
        this.harness = harness;
        this.environment = Map.copyOf(environment);
        this.progress = progress;
        this.deadline = deadline;
        this.region = region;
    }

    public DelegateResult reconcile(HarnessDelegateSpec spec) {
        return spec.absent() ? remove(spec) : ensure(spec);
    }

    private DelegateResult ensure(HarnessDelegateSpec spec) {
        String roleArn = checkServiceAccount(spec);
        refuseNameClash(spec);
        List<String> fixes = new ArrayList<>();
        DelegateManifest manifest;
        String image;
        if (spec.manifestFile() != null) {
            // a downloaded manifest carries its own token and image
            PatchedManifest patched = downloadedManifest(spec);
            fixes.addAll(patched.fixes());
            fixes.forEach(f -> progress.info("manifest: " + f));
            manifest = patched.manifest();
            image = manifest.deployment()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage();
        } else {
            Optional<String> tokenValue = token(spec);
            image = spec.image() != null ? spec.image() : IMAGE_REPOSITORY + ":" + harness.latestDelegateVersion();
            DelegateToken token = new DelegateToken(tokenValue.orElse("planned-token-value"));
            manifest = DelegateManifest.render(spec.delegateSpec(image), token);
        }
        List<HasMetadata> objects = manifest.objects().stream()
                .filter(o -> !(o instanceof ServiceAccount))
                .toList();
        for (HasMetadata object : objects) {
            apply(object, spec.dryRun());
            if (object instanceof Namespace && !spec.dryRun()) {
                ensureServiceAccountExists(spec);
            }
        }
        if (spec.dryRun()) {
            return new DelegateResult(
                    spec.name(),
                    spec.namespace(),
                    spec.serviceAccount(),
                    image,
                    0,
                    false,
                    plannedConnectors(spec),
                    fixes,
                    changes,
                    warnings,
                    true,
                    false,
                    redacted(new DelegateManifest(objects)));
        }
        int ready = waitForRollout(spec);
        if (roleArn != null && restartPodsWithoutIdentity(spec, roleArn)) {
            ready = waitForRollout(spec);
        }
        boolean connected = waitUntilConnected(spec);
        List<DelegateResult.ConnectorStatus> connectors = connectors(spec);
        return new DelegateResult(
                spec.name(),
                spec.namespace(),
                spec.serviceAccount(),
                image,
                ready,
                connected,
                connectors,
                fixes,
                changes,
                warnings,
                false,
                false,
                null);
    }

    /** The role the service account names, or null (then a warning: the delegate would have no AWS identity). */
    private String checkServiceAccount(HarnessDelegateSpec spec) {
        Optional<Map<String, String>> account = kube.serviceAccountAnnotations(spec.namespace(), spec.serviceAccount());
        if (account.isEmpty()) {
            warnings.add("service account " + spec.namespace() + "/" + spec.serviceAccount()
                    + " does not exist: it is created bare; run irsaRole for it so the delegate gets its AWS role");
            return null;
        }
        String roleArn = account.get().get(ServiceAccountBinder.ROLE_ARN);
        if (roleArn == null) {
            warnings.add("service account " + spec.namespace() + "/" + spec.serviceAccount() + " has no "
                    + ServiceAccountBinder.ROLE_ARN
                    + " annotation: run irsaRole for it; the AWS connector cannot work");
        }
        return roleArn;
    }

    private void ensureServiceAccountExists(HarnessDelegateSpec spec) {
        if (kube.serviceAccountAnnotations(spec.namespace(), spec.serviceAccount())
                .isEmpty()) {
            kube.createServiceAccount(
                    spec.namespace(),
                    spec.serviceAccount(),
                    Map.of(ServiceAccountBinder.MANAGED_BY_LABEL, Ownership.MANAGED_BY_VALUE));
            changes.add(Change.create(
                    "ServiceAccount", spec.namespace() + "/" + spec.serviceAccount(), "bare, without a role"));
        }
    }

    /** Harness makes delegates sharing a name fight: one connected from elsewhere is refused before any write. */
    private void refuseNameClash(HarnessDelegateSpec spec) {
        Set<String> ours =
                delegatePods(spec).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        for (HarnessClient.Delegate delegate : harness.delegates(spec.name())) {
            List<String> elsewhere = delegate.replicaHosts().stream()
                    .filter(h -> !ours.contains(h))
                    .toList();
            if (!elsewhere.isEmpty() || delegate.errorMessage() != null) {
                throw new ConflictException("delegate " + spec.name() + " is already connected to Harness from another"
                        + " cluster (replicas " + elsewhere + "); delegates sharing a name fight: choose another name");
            }
        }
    }

    private Optional<String> token(HarnessDelegateSpec spec) {
        if (spec.tokenEnv() != null) {
            String value = environment.get(spec.tokenEnv());
            if (value == null || value.isBlank()) {
                throw new InvalidInputException("tokenEnv", "variable " + spec.tokenEnv() + " is not set");
            }
            return Optional.of(value.trim());
        }
        Optional<HarnessClient.DelegateToken> existing = harness.token(spec.tokenName());
        if (existing.isPresent()) {
            if (!existing.get().active() || existing.get().value() == null) {
                throw new ConflictException("delegate token " + spec.tokenName() + " is "
                        + existing.get().status()
                        + " in Harness: give tokenEnv, or delete that token so a new one can be created");
            }
            return Optional.of(existing.get().value());
        }
        changes.add(Change.create("HarnessDelegateToken", spec.tokenName(), "in account " + spec.accountId()));
        if (spec.dryRun()) {
            return Optional.empty();
        }
        progress.info("creating delegate token " + spec.tokenName());
        try {
            return Optional.of(harness.createToken(spec.tokenName()).value());
        } catch (HarnessApiException e) {
            // made meanwhile by a parallel run, or by our own attempt whose answer was lost: use that one
            return Optional.of(alreadyMade(e, () -> harness.token(spec.tokenName())
                            .filter(HarnessClient.DelegateToken::active)
                            .map(HarnessClient.DelegateToken::value))
                    .orElseThrow(() -> e));
        }
    }

    /** After a refused create: what a re-read finds, if the refusal said it exists already. */
    private static <T> Optional<T> alreadyMade(HarnessApiException refused, Supplier<Optional<T>> reread) {
        return refused.status() == 400 || refused.status() == 409 ? reread.get() : Optional.empty();
    }

    /** The spec's downloaded manifest, read and patched; bad input when it cannot be (the step checks it first). */
    public static PatchedManifest downloadedManifest(HarnessDelegateSpec spec) {
        return new DownloadedManifestPatcher(new ServiceAccountRef(spec.namespace(), spec.serviceAccount()))
                .patch(readManifest(spec.manifestFile()));
    }

    private static String readManifest(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(
                    "manifest", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Server-side apply where the server's preview (dry run) differs from what is there; a no-op writes nothing. */
    private void apply(HasMetadata object, boolean dryRun) {
        ClusterObjects.Applied applied = kube.apply(object, FIELD_MANAGER, dryRun);
        if (applied == ClusterObjects.Applied.UNCHANGED) {
            return;
        }
        String id = describe(object);
        boolean created = applied == ClusterObjects.Applied.CREATED;
        changes.add(
                created
                        ? Change.create(object.getKind(), id, "server-side apply as " + FIELD_MANAGER)
                        : Change.update(object.getKind(), id, "server-side apply as " + FIELD_MANAGER));
        if (!dryRun) {
            progress.info((created ? "created " : "updated ") + object.getKind() + " " + id);
        }
    }

    private static String describe(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return ns == null
                ? object.getMetadata().getName()
                : ns + "/" + object.getMetadata().getName();
    }

    private List<Pod> delegatePods(HarnessDelegateSpec spec) {
        return kube.pods(spec.namespace(), DelegateManifest.NAME_LABEL, spec.name());
    }

    private int waitForRollout(HarnessDelegateSpec spec) {
        Duration pause = Duration.ofMillis(200);
        int ready = 0;
        while (true) {
            Optional<ClusterObjects.Rollout> rollout = kube.rollout(spec.namespace(), spec.name());
            if (rollout.isPresent()) {
                ready = rollout.get().ready();
                if (rollout.get().complete(spec.replicas()) && runningPods(spec) >= spec.replicas()) {
                    progress.info("delegate " + spec.name() + ": " + ready + "/" + spec.replicas() + " replicas ready");
                    return ready;
                }
            }
            if (deadline.remaining().compareTo(pause) <= 0) {
                warnings.add("delegate " + spec.name() + " rollout not complete within the step's time: " + ready + "/"
                        + spec.replicas() + " replicas ready");
                return ready;
            }
            sleep(pause);
            pause = min(pause.multipliedBy(2), Duration.ofSeconds(5));
        }
    }

    private long runningPods(HarnessDelegateSpec spec) {
        return delegatePods(spec).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p ->
                        p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .count();
    }

    /** Pods started before the service account's annotation have no web identity: the step owns them, restarts them. */
    private boolean restartPodsWithoutIdentity(HarnessDelegateSpec spec, String roleArn) {
        List<String> without = delegatePods(spec).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> !hasIdentity(p, roleArn))
                .map(p -> p.getMetadata().getName())
                .toList();
        if (without.isEmpty()) {
            return false;
        }
        String why = "pods " + without + " started without the role " + roleArn
                + " (before the service account's annotation): restarted to get it";
        progress.warn(why);
        kube.restart(spec.namespace(), spec.name(), without);
        changes.add(Change.update("Deployment", spec.namespace() + "/" + spec.name(), why));
        return true;
    }

    static boolean hasIdentity(Pod pod, String roleArn) {
        boolean volume = pod.getSpec().getVolumes() != null
                && pod.getSpec().getVolumes().stream().anyMatch(v -> "aws-iam-token".equals(v.getName()));
        for (Container c : pod.getSpec().getContainers()) {
            List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
            boolean role =
                    env.stream().anyMatch(e -> "AWS_ROLE_ARN".equals(e.getName()) && roleArn.equals(e.getValue()));
            boolean file = env.stream().anyMatch(e -> "AWS_WEB_IDENTITY_TOKEN_FILE".equals(e.getName()));
            if (!(role && file && volume)) {
                return false;
            }
        }
        return true;
    }

    private boolean waitUntilConnected(HarnessDelegateSpec spec) {
        Duration pause = Duration.ofMillis(250);
        while (true) {
            Set<String> ours = delegatePods(spec).stream()
                    .map(p -> p.getMetadata().getName())
                    .collect(Collectors.toSet());
            for (HarnessClient.Delegate d : harness.delegates(spec.name())) {
                if (d.connected() && d.replicaHosts().stream().anyMatch(ours::contains)) {
                    progress.info("delegate " + spec.name() + " is connected to Harness");
                    return true;
                }
            }
            if (deadline.remaining().compareTo(pause) <= 0) {
                warnings.add("delegate " + spec.name() + " did not connect to Harness within the step's time");
                return false;
            }
            sleep(pause);
            pause = min(pause.multipliedBy(2), Duration.ofSeconds(10));
        }
    }

    private List<DelegateResult.ConnectorStatus> connectors(HarnessDelegateSpec spec) {
        List<DelegateResult.ConnectorStatus> out = new ArrayList<>();
        for (ObjectNode desired : desiredConnectors(spec)) {
            String id = desired.path("identifier").asText();
            ensureConnector(desired, true);
            String status = "NOT_TESTED";
            List<Map<String, Object>> errors = new ArrayList<>();
            if (spec.testConnectors()) {
                JsonNode test = harness.testConnector(id);
                status = test.path("status").asText("UNKNOWN");
                for (JsonNode e : test.path("errors")) {
                    errors.add(Map.of(
                            "reason", e.path("reason").asText(""),
                            "message", e.path("message").asText(""),
                            "code", e.path("code").asInt()));
                }
                String line = "connector " + id + " test: " + status
                        + (errors.isEmpty() ? "" : " - " + errors.get(0).get("message"));
                if (status.equals("SUCCESS")) {
                    progress.info(line);
                } else {
                    progress.warn(line);
                }
            }
            out.add(new DelegateResult.ConnectorStatus(id, desired.path("type").asText(), status, errors));
        }
        return out;
    }

    /** Creates or updates a connector where Harness's differs from ours (only plans it when {@code write} is off). */
    private void ensureConnector(ObjectNode desired, boolean write) {
        String id = desired.path("identifier").asText();
        String type = desired.path("type").asText();
        Optional<JsonNode> existing = harness.connector(id);
        boolean create = existing.isEmpty();
        if (!create && covers(existing.get(), desired)) {
            return;
        }
        changes.add(create ? Change.create("HarnessConnector", id, type) : Change.update("HarnessConnector", id, type));
        if (write) {
            progress.info((create ? "creating" : "updating") + " connector " + id);
            try {
                harness.saveConnector(desired, create);
            } catch (HarnessApiException e) {
                // created meanwhile by a parallel run (or by our own attempt whose answer was lost): update that
                JsonNode made = alreadyMade(e, () -> create ? harness.connector(id) : Optional.empty())
                        .orElseThrow(() -> e);
                if (!covers(made, desired)) {
                    harness.saveConnector(desired, false);
                }
            }
        }
    }

    private List<DelegateResult.ConnectorStatus> plannedConnectors(HarnessDelegateSpec spec) {
        List<DelegateResult.ConnectorStatus> out = new ArrayList<>();
        for (ObjectNode desired : desiredConnectors(spec)) {
            ensureConnector(desired, false);
            out.add(new DelegateResult.ConnectorStatus(
                    desired.path("identifier").asText(), desired.path("type").asText(), "NOT_TESTED", List.of()));
        }
        return out;
    }

    List<ObjectNode> desiredConnectors(HarnessDelegateSpec spec) {
        List<ObjectNode> out = new ArrayList<>();
        if (spec.k8sConnector() != null) {
            ObjectNode c = connector(spec.k8sConnector(), "K8sCluster");
            ObjectNode s = c.putObject("spec");
            s.putObject("credential").put("type", "InheritFromDelegate");
            s.putArray("delegateSelectors").add(spec.name());
            out.add(c);
        }
        if (spec.awsConnector() != null) {
            ObjectNode c = connector(spec.awsConnector(), "Aws");
            ObjectNode s = c.putObject("spec");
            ObjectNode credential = s.putObject("credential").put("type", "Irsa");
            if (region != null) {
                credential.put("region", region);
            }
            if (spec.crossAccountRoleArn() != null) {
                ObjectNode cross = credential
                        .putObject("crossAccountAccess")
                        .put("crossAccountRoleArn", spec.crossAccountRoleArn());
                if (spec.connectorExternalId() != null) {
                    cross.put("externalId", spec.connectorExternalId());
                }
            }
            s.putArray("delegateSelectors").add(spec.name());
            s.put("executeOnDelegate", true);
            out.add(c);
        }
        return out;
    }

    private static ObjectNode connector(String id, String type) {
        ObjectNode c =
                JSON.createObjectNode().put("name", id).put("identifier", id).put("type", type);
        c.putObject("tags").put(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE);
        return c;
    }

    /** Whether what Harness has already says everything we would write (Harness adds defaults of its own). */
    static boolean covers(JsonNode existing, JsonNode desired) {
        if (desired.isObject()) {
            var fields = desired.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!existing.has(field.getKey()) || !covers(existing.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return desired.equals(existing);
    }

    private DelegateResult remove(HarnessDelegateSpec spec) {
        for (ObjectNode desired : desiredConnectors(spec)) {
            String id = desired.path("identifier").asText();
            Optional<JsonNode> existing = harness.connector(id);
            if (existing.isPresent()) {
                if (!Ownership.MANAGED_BY_VALUE.equals(
                        existing.get().path("tags").path(Ownership.MANAGED_BY).asText())) {
                    warnings.add("connector " + id + " was not made by eks-irsa: left in place");
                    continue;
                }
                changes.add(Change.delete(
                        "HarnessConnector", id, desired.path("type").asText()));
                if (!spec.dryRun()) {
                    harness.deleteConnector(id);
                }
            }
        }
        DelegateManifest manifest =
                DelegateManifest.render(spec.delegateSpec("harness/delegate:latest"), new DelegateToken("unused"));
        List<HasMetadata> objects = new ArrayList<>(manifest.objects());
        java.util.Collections.reverse(objects);
        for (HasMetadata object : objects) {
            if (object instanceof Namespace) {
                continue; // the service account lives there
            }
            Optional<Map<String, String>> labels = kube.labels(object);
            if (labels.isEmpty()) {
                continue;
            }
            if (!Ownership.MANAGED_BY_VALUE.equals(labels.get().get(ServiceAccountBinder.MANAGED_BY_LABEL))) {
                warnings.add(object.getKind() + " " + describe(object) + " was not made by eks-irsa: left in place");
                continue;
            }
            changes.add(Change.delete(object.getKind(), describe(object), "made by eks-irsa"));
            if (!spec.dryRun()) {
                kube.delete(object);
            }
        }
        if (spec.tokenEnv() == null) {
            harness.token(spec.tokenName())
                    .filter(HarnessClient.DelegateToken::active)
                    .ifPresent(t -> {
                        changes.add(Change.delete("HarnessDelegateToken", spec.tokenName(), "revoked"));
                        if (!spec.dryRun()) {
                            harness.revokeToken(spec.tokenName());
                        }
                    });
        }
        return new DelegateResult(
                spec.name(),
                spec.namespace(),
                spec.serviceAccount(),
                null,
                0,
                false,
                List.of(),
                List.of(),
                changes,
                warnings,
                spec.dryRun(),
                true,
                null);
    }

    /** The manifest as a dry run shows it: Secrets' values replaced, so it can be printed. */
    public static String redacted(DelegateManifest manifest) {
        List<HasMetadata> shown = new ArrayList<>();
        for (HasMetadata object : manifest.objects()) {
            if (object instanceof Secret secret) {
                Secret copy = new io.fabric8.kubernetes.api.model.SecretBuilder(secret).build();
                copy.setData(copy.getData() == null ? null : new java.util.LinkedHashMap<>(copy.getData()));
                copy.setStringData(
                        copy.getStringData() == null ? null : new java.util.LinkedHashMap<>(copy.getStringData()));
                if (copy.getData() != null) {
                    copy.getData().replaceAll((k, v) -> "****");
                }
                if (copy.getStringData() != null) {
                    copy.getStringData().replaceAll((k, v) -> "****");
                }
                shown.add(copy);
            } else {
                shown.add(object);
            }
        }
        return ManifestYaml.write(shown);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.eksirsa.engine.api.EksIrsaException("interrupted while waiting for the delegate");
        }
    }
}
