package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Each step through each fault: the run ends in the desired state with nothing duplicated or left over, or fails
 * with a clear message and converges when run again with the fault gone (a killed run is resumable). Writes the
 * matrix to {@code target/reliability/fault-matrix.md}.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class FaultMatrixTest {
    private static final List<String> SERVICES = List.of("iam", "sts", "eks", "ec2", "kubernetes", "harness");
    private static final Pattern SERVICE_OR_RESOURCE = Pattern.compile(
            "(?i)\\b(iam|sts|eks|ec2|kubernetes|harness|cluster|role|oidc|delegate|connector|token|deployment"
                    + "|service ?account|namespace)\\b");

    /** Each step family runs in its own thread against its own sandbox (faults are per sandbox). */
    private static final ThreadLocal<MatrixWorld> current = new ThreadLocal<>();

    private static final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, Integer>> baseline = new ConcurrentHashMap<>();
    private static final Map<String, List<CallRecord>> baselineCallsOf = new ConcurrentHashMap<>();
    private static final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
    static final String NOT_MET = "n/a (no such call)";

    /**
     * One fault scenario; {@code kills} when the first run is expected to die part-way; {@code meets} says from the
     * calls of a run without faults whether the fault would meet the step at all (a step that makes no Harness call
     * cannot meet a Harness 429).
     */
    record Fault(String name, Consumer<Sandbox> install, boolean kills, Predicate<List<CallRecord>> meets) {
        static Fault on(String service, String name, Consumer<Sandbox> install) {
            return new Fault(name, install, false, calls -> calls.stream()
                    .anyMatch(c -> c.service().equals(service)));
        }

        static Fault everyService(String name, Function<String, FaultRule> rule) {
            return new Fault(
                    name, s -> SERVICES.forEach(service -> s.faults().add(rule.apply(service))), false, calls -> true);
        }

        static Fault killedAfter(int k) {
            return new Fault(
                    "killed after mutating call " + k,
                    s -> s.faults().killAfterMutatingCalls(k),
                    true,
                    calls -> calls.stream().filter(CallRecord::mutating).count() >= k);
        }
    }

    /** A step with what it needs before the fault, the run itself, and the desired state it must end in. */
    interface Family {
        String name();

        default void prepare(String id) {}

        Map<String, Object> run(String id);

        void assertConverged(String id, Map<String, Object> result);
    }

    record Row(String step, String fault, String outcome, String error) {}

    static final List<Fault> FAULTS = List.of(
            new Fault("none", s -> {}, false, calls -> true),
            new Fault(
                    "latency 40 ms on every call",
                    s -> s.faults().add(FaultRule.latency(null, null, Duration.ofMillis(40))),
                    false,
                    calls -> true),
            Fault.on("iam", "IAM Throttling x2", s -> s.faults().add(FaultRule.throttle("iam", null, 2))),
            Fault.on("sts", "STS Throttling", s -> s.faults().add(FaultRule.throttle("sts", null, 1))),
            Fault.on("eks", "EKS 429 ThrottlingException", s -> s.faults().add(FaultRule.throttle("eks", null, 1))),
            Fault.on("ec2", "EC2 503 RequestLimitExceeded", s -> s.faults().add(FaultRule.throttle("ec2", null, 1))),
            Fault.everyService("500 x2 on every API", service -> FaultRule.serverError(service, null, 2)),
            Fault.everyService("503 x2 on every API", service -> FaultRule.serverError(service, null, 2, 503)),
            Fault.everyService(
                    "connection reset x2 on every API", service -> FaultRule.connectionReset(service, null, 2)),
            new Fault(
                    "IAM propagation delay 2 s (new role and provider)",
                    s -> s.faults().iamPropagationDelay(Duration.ofSeconds(2)),
                    false,
                    calls -> calls.stream().anyMatch(c -> c.action().startsWith("AssumeRole"))),
            Fault.on("kubernetes", "Kubernetes 409 Conflict x2 on writes", s -> s.faults()
                    .add(FaultRule.conflict(null, 2))),
            Fault.on("kubernetes", "Kubernetes 429 (Retry-After 1)", s -> s.faults()
                    .add(FaultRule.throttle("kubernetes", null, 1))),
            Fault.on("harness", "Harness 429 x2", s -> s.faults().add(FaultRule.throttle("harness", null, 2))),
            Fault.killedAfter(1),
            Fault.killedAfter(2),
            Fault.killedAfter(3),
            Fault.killedAfter(5));

    @BeforeAll
    static void runMatrix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(families().size());
        try {
            List<Future<?>> runs = families().stream()
                    .<Future<?>>map(family -> pool.submit(() -> runFamily(family)))
                    .toList();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        FaultReport.write(rows);
    }

    private static void runFamily(Family family) {
        try (MatrixWorld world = new MatrixWorld()) {
            current.set(world);
            world.cluster(MatrixWorld.CLUSTER, "60s");
            world.role(MatrixWorld.DELEGATE_NS, "delegate", "matrix-delegate");
            // the namespace the role cases use exists before them, so every case makes the same things
            world.role(MatrixWorld.APPS_NS, "warm-up", "matrix-warm-up");
            for (Fault fault : FAULTS) {
                try {
                    scenario(family, fault);
                } catch (Throwable failed) {
                    failures.put(key(family, fault), failed);
                }
            }
        } catch (RuntimeException setUpFailed) {
            FAULTS.forEach(fault -> failures.putIfAbsent(key(family, fault), setUpFailed));
        } finally {
            current.remove();
        }
    }

    private static String key(Family family, Fault fault) {
        return family.name() + " / " + fault.name();
    }

    private static MatrixWorld world() {
        return current.get();
    }

    /** The scenarios ran in {@link #runMatrix()}, one thread per step; each test reports its scenario's outcome. */
    @TestFactory
    Stream<DynamicContainer> eachStepThroughEachFault() {
        return families().stream()
                .map(family -> DynamicContainer.dynamicContainer(
                        family.name(),
                        FAULTS.stream()
                                .map(fault -> DynamicTest.dynamicTest(fault.name(), () -> {
                                    Throwable failed = failures.get(key(family, fault));
                                    if (failed != null) {
                                        throw failed;
                                    }
                                }))));
    }

    private static void scenario(Family family, Fault fault) {
        Sandbox sandbox = world().sandbox;
        sandbox.faults().clear();
        List<CallRecord> baselineCalls = baselineCallsOf.get(family.name());
        if (baselineCalls != null && !fault.meets().test(baselineCalls)) {
            rows.add(new Row(family.name(), fault.name(), NOT_MET, null));
            Assumptions.abort("the step makes no call this fault meets");
        }
        String id = family.name().substring(0, 1) + "-" + slug(fault.name());
        boolean propagation = fault.name().startsWith("IAM propagation");
        if (propagation) {
            // the entities the step relies on are new: STS cannot see them yet
            fault.install().accept(sandbox);
        }
        family.prepare(id);
        MatrixWorld.Inventory before = world().inventory();
        long mark = lastSeq();
        if (!propagation) {
            fault.install().accept(sandbox);
        }
        Map<String, Object> result;
        String error = null;
        try {
            result = family.run(id);
        } catch (RuntimeException e) {
            error = e.getMessage();
            assertClear(e);
            sandbox.faults().clear();
            result = family.run(id);
        } finally {
            sandbox.faults().clear();
        }
        if (!fault.kills()) {
            assertThat(error)
                    .as("%s survives %s (the engine retries or waits)", family.name(), fault.name())
                    .isNull();
        }
        family.assertConverged(id, result);
        baselineCallsOf.computeIfAbsent(family.name(), f -> sandbox.calls().matching(c -> c.seq() > mark));
        Map<String, Integer> delta = world().delta(before, world().inventory());
        Map<String, Integer> expected = baseline.putIfAbsent(family.name(), delta);
        assertThat(delta)
                .as(
                        "what %s made under %s, compared with the run without faults: no duplicate, no orphan",
                        family.name(), fault.name())
                .isEqualTo(expected == null ? delta : expected);
        rows.add(new Row(
                family.name(), fault.name(), error == null ? "converged" : "clear error, converged on re-run", error));
    }

    private static long lastSeq() {
        return world().sandbox.calls().all().stream()
                .mapToLong(CallRecord::seq)
                .max()
                .orElse(0);
    }

    private static void assertClear(RuntimeException e) {
        String message = e.getMessage();
        assertThat(e).isInstanceOf(dev.eksirsa.engine.api.EksIrsaException.class);
        assertThat(message).as("names the service or resource").isNotBlank().containsPattern(SERVICE_OR_RESOURCE);
        assertThat(message)
                .as("no stack trace or class noise")
                .doesNotContain("\tat ", "java.lang.", "software.amazon.awssdk.", "io.fabric8.")
                .as("says why, not only which operation failed")
                .doesNotEndWith("failed.")
                .doesNotContain("did not match any waiter acceptors");
        world().secrets().forEach(secret -> assertThat(message).doesNotContain(secret));
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 30 ? s.substring(0, 30).replaceAll("-$", "") : s;
    }

    private static List<Family> families() {
        return List.of(new ClusterFamily(), new RoleFamily(), new DelegateFamily(), new VerifyFamily());
    }

    static final class ClusterFamily implements Family {
        public String name() {
            return "eksIrsaCluster";
        }

        public Map<String, Object> run(String id) {
            return world().cluster(id, "8s");
        }

        public void assertConverged(String id, Map<String, Object> result) {
            assertThat(result.get("status")).isEqualTo("ACTIVE");
            try (AwsClients aws = world().aws()) {
                assertThat(aws.eks().listClusters().clusters()).containsOnlyOnce(id);
                String issuerPath = ((String) result.get("oidcIssuer")).replaceFirst("^https://", "");
                assertThat(aws.iam().listOpenIDConnectProviders().openIDConnectProviderList())
                        .filteredOn(p -> p.arn().endsWith(":oidc-provider/" + issuerPath))
                        .as("one OIDC provider for the cluster's issuer")
                        .hasSize(1);
            }
        }
    }

    static final class RoleFamily implements Family {
        public String name() {
            return "irsaRole";
        }

        public Map<String, Object> run(String id) {
            return world().role(MatrixWorld.APPS_NS, id, "matrix-" + id);
        }

        public void assertConverged(String id, Map<String, Object> result) {
            String roleName = "matrix-" + id;
            try (AwsClients aws = world().aws();
                    KubernetesClient kube = world().kube(aws)) {
                List<Role> roles = aws.iam().listRolesPaginator().roles().stream()
                        .filter(r -> r.roleName().equalsIgnoreCase(roleName))
                        .toList();
                assertThat(roles).hasSize(1);
                String trust = URLDecoder.decode(roles.get(0).assumeRolePolicyDocument(), StandardCharsets.UTF_8);
                assertThat(trust)
                        .contains(
                                "sts:AssumeRoleWithWebIdentity",
                                "system:serviceaccount:apps:" + id,
                                "sts.amazonaws.com");
                assertThat(aws.iam().listRolePolicies(b -> b.roleName(roleName)).policyNames())
                        .containsExactly("regions");
                ServiceAccount sa = kube.serviceAccounts()
                        .inNamespace(MatrixWorld.APPS_NS)
                        .withName(id)
                        .get();
                assertThat(sa.getMetadata().getAnnotations())
                        .containsEntry(
                                "eks.amazonaws.com/role-arn", roles.get(0).arn());
            }
        }
    }

    static final class DelegateFamily implements Family {
        public String name() {
            return "harnessDelegate";
        }

        public Map<String, Object> run(String id) {
            return world().delegate(id, "delegate", connector(id));
        }

        private static String connector(String id) {
            return "k8s_" + id.replace('-', '_');
        }

        public void assertConverged(String id, Map<String, Object> result) {
            assertThat(result.get("connected")).isEqualTo(true);
            assertThat(result.get("readyReplicas")).isEqualTo(1);
            assertThat(result.get("connectors").toString()).contains("status=SUCCESS");
            try (AwsClients aws = world().aws();
                    KubernetesClient kube = world().kube(aws)) {
                Deployment deployment = kube.apps()
                        .deployments()
                        .inNamespace(MatrixWorld.DELEGATE_NS)
                        .withName(id)
                        .get();
                assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
                assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                        .isEqualTo("delegate");
            }
            JsonNode groups = world().delegates(id);
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).path("connected").asBoolean()).isTrue();
            JsonNode tokens =
                    world().harness("GET", "/ng/api/delegate-token-ng", null).path("resource");
            assertThat(tokens.findValuesAsText("name")).containsOnlyOnce(id + "-token");
            assertThat(world().harness("GET", "/ng/api/connectors/" + connector(id), null)
                            .path("data")
                            .path("connector")
                            .path("identifier")
                            .asText())
                    .isEqualTo(connector(id));
        }
    }

    static final class VerifyFamily implements Family {
        public String name() {
            return "verifyIrsa";
        }

        @Override
        public void prepare(String id) {
            world().role(MatrixWorld.APPS_NS, id, "matrix-" + id);
        }

        public Map<String, Object> run(String id) {
            return world().verify(MatrixWorld.APPS_NS, id);
        }

        public void assertConverged(String id, Map<String, Object> result) {
            assertThat(result.get("passed")).isEqualTo(true);
        }
    }

    /** The matrix as markdown, and its figure line. */
    static final class FaultReport {
        static void write(List<Row> rows) throws IOException {
            List<String> faults = FAULTS.stream().map(Fault::name).toList();
            List<String> steps = families().stream().map(Family::name).toList();
            StringBuilder md = new StringBuilder("| fault | " + String.join(" | ", steps) + " |\n|---|");
            steps.forEach(s -> md.append("---|"));
            md.append('\n');
            for (String fault : faults) {
                md.append("| ").append(fault).append(" |");
                for (String step : steps) {
                    String cell = rows.stream()
                            .filter(r -> r.step().equals(step) && r.fault().equals(fault))
                            .map(Row::outcome)
                            .findFirst()
                            .orElse("FAILED");
                    md.append(' ').append(cell).append(" |");
                }
                md.append('\n');
            }
            long total = rows.stream().filter(r -> !r.outcome().equals(NOT_MET)).count();
            long converged = rows.stream()
                    .filter(r ->
                            r.outcome().startsWith("converged") || r.outcome().endsWith("converged on re-run"))
                    .count();
            String figure = "Fault scenarios: " + total + ", converged: " + converged;
            md.append('\n').append(figure).append('\n');
            md.append("\nErrors users saw before the re-run:\n\n");
            rows.stream().filter(r -> r.error() != null).forEach(r -> md.append("- ")
                    .append(r.step())
                    .append(" / ")
                    .append(r.fault())
                    .append(": `")
                    .append(r.error().replace('\n', ' ').replace("`", "'"))
                    .append("`\n"));
            Path dir = Path.of("target", "reliability");
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("fault-matrix.md"), md.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println(md);
            System.out.println(figure);
        }
    }
}
