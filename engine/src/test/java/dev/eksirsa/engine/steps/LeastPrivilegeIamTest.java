package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published IAM policies (docs/iam/&lt;step&gt;.json) are enough and each of their statements is needed: with only
 * the policy a step's first run, no-op re-run and teardown succeed; without any one statement the step fails with an
 * AccessDenied that names an action of that statement; and the actions are exactly those the step calls.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class LeastPrivilegeIamTest {
    private static final Path POLICIES = Path.of("..", "docs", "iam");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "lp";
    private static final String NS = "apps";
    private static final String CLUSTER_ADMIN_POLICY =
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    private static final String DESCRIBE_REGIONS =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeRegions\",\"Resource\":\"*\"}]}";

    /** Actions IAM and EKS authorise inside another call, which the call log does not show as calls of their own. */
    private static final Map<String, String> IMPLIED = Map.of(
            "eks:CreateCluster", "iam:PassRole",
            "eks:CreateNodegroup", "iam:PassRole",
            "iam:CreateRole", "iam:TagRole",
            "iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider");

    private static Sandbox sandbox;
    private static Map<String, String> env;
    private static SandboxAccount user;
    private static SandboxAccount targetUser;
    private static String ciAdminRole;
    private static final AtomicInteger RUN = new AtomicInteger();

    /** One policy file given to one user. */
    record Grant(String file, SandboxAccount holder) {
        String userName() {
            return holder.arn().substring(holder.arn().lastIndexOf('/') + 1);
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        sandbox = SandboxAws.fastSandbox();
        Path ca = Files.createTempFile("lp-ca", ".pem");
        ca.toFile().deleteOnExit();
        Files.writeString(ca, sandbox.certificateAuthority().rootPem());
        env = Map.of(
                "AWS_REGION", sandbox.region(),
                "HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey(),
                "AWS_CA_BUNDLE", ca.toString());
        user = sandbox.createUser(sandbox.primary().accountId(), "eks-irsa-ci");
        targetUser = sandbox.createUser(sandbox.secondary().accountId(), "eks-irsa-target");
        asAdmin("eksIrsaCluster", new LinkedHashMap<>(Map.of("name", CLUSTER, "create", true, "timeout", "30s")));
        try (AwsClients admin = SandboxAws.clients(sandbox)) {
            ciAdminRole = admin.iam()
                    .createRole(b -> b.roleName("ci-admin")
                            .assumeRolePolicyDocument(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                            + "\"Principal\":{\"AWS\":\""
                                            + sandbox.primary().accountId()
                                            + "\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
            // the cluster admin lets the CI user into the shared cluster; IAM is what this test is about
            admin.eks().createAccessEntry(b -> b.clusterName(CLUSTER).principalArn(user.arn()));
            admin.eks().associateAccessPolicy(b -> b.clusterName(CLUSTER)
                    .principalArn(user.arn())
                    .policyArn(CLUSTER_ADMIN_POLICY)
                    .accessScope(s -> s.type("cluster")));
        }
        Map<String, Object> verified = new LinkedHashMap<>();
        verified.put("cluster", CLUSTER);
        verified.put("namespace", NS);
        verified.put("serviceAccount", "verified");
        verified.put("inlinePolicies", Map.of("regions", DESCRIBE_REGIONS));
        asAdmin("irsaRole", verified);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static Map<String, Object> asAdmin(String step, Map<String, Object> arguments) {
        return SandboxSteps.run(sandbox, env, step, arguments);
    }

    private static Map<String, Object> asUser(String step, Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        args.put("credentialsId", "ci");
        args.put("endpointUrl", sandbox.awsEndpoint().toString());
        Map<String, StoredCredentials> credentials = Map.of(
                "ci", StoredCredentials.keys(user.accessKeyId(), user.secretAccessKey(), null),
                "target", StoredCredentials.keys(targetUser.accessKeyId(), targetUser.secretAccessKey(), null));
        return new StepCall(step, args, env, credentials, false).run(ProgressListener.NONE);
    }

    // ---- the four steps: first run, re-run, teardown, each with fresh names per attempt ----

    private static List<Map<String, Object>> cluster(int n) {
        Map<String, Object> present = new LinkedHashMap<>();
        present.put("name", "lpc-" + n);
        present.put("create", true);
        present.put("nodegroupName", "ng");
        present.put("accessPrincipalArns", List.of(ciAdminRole));
        // a short timeout polls every half second: the fast sandbox activates in 300 ms
        present.put("timeout", "5s");
        Map<String, Object> absent =
                new LinkedHashMap<>(Map.of("name", "lpc-" + n, "state", "absent", "timeout", "5s"));
        return List.of(present, present, absent);
    }

    private static List<Map<String, Object>> role(int n) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("roleName", "lp-target-" + n);
        target.put("connection", Map.of("credentialsId", "target"));
        target.put("inlinePolicies", Map.of("regions", DESCRIBE_REGIONS));
        target.put("policyArns", List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        Map<String, Object> present = new LinkedHashMap<>();
        present.put("cluster", CLUSTER);
        present.put("namespace", NS);
        present.put("serviceAccount", "sa-" + n);
        present.put("roleName", "lp-role-" + n);
        present.put("policyArns", List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        present.put("inlinePolicies", Map.of("regions", DESCRIBE_REGIONS));
        present.put("targetRoles", List.of(target));
        Map<String, Object> absent = new LinkedHashMap<>(present);
        absent.put("state", "absent");
        return List.of(present, present, absent);
    }

    private static List<Map<String, Object>> delegate(int n) {
        Map<String, Object> present = new LinkedHashMap<>();
        present.put("cluster", CLUSTER);
        present.put("accountId", sandbox.harness().account().accountId());
        present.put("name", "lpd-" + n);
        present.put("serviceAccount", "verified");
        present.put("namespace", NS);
        present.put("managerUrl", sandbox.harness().uri().toString());
        present.put("timeout", "60s");
        Map<String, Object> absent = new LinkedHashMap<>(present);
        absent.put("state", "absent");
        return List.of(present, present, absent);
    }

    private static List<Map<String, Object>> verify(int n) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", NS);
        args.put("serviceAccount", "verified");
        args.put("timeout", "5s");
        return List.of(args, args);
    }

    @Test
    void eksIrsaCluster_needsExactlyItsPolicy() {
        proveMinimal("eksIrsaCluster", LeastPrivilegeIamTest::cluster, List.of(new Grant("eksIrsaCluster.json", user)));
    }

    @Test
    void irsaRole_needsExactlyItsPolicy_andTheTargetAccountPolicy() {
        proveMinimal(
                "irsaRole",
                LeastPrivilegeIamTest::role,
                List.of(new Grant("irsaRole.json", user), new Grant("irsaRole-target-account.json", targetUser)));
    }

    @Test
    void harnessDelegate_needsExactlyItsPolicy() {
        proveMinimal(
                "harnessDelegate", LeastPrivilegeIamTest::delegate, List.of(new Grant("harnessDelegate.json", user)));
    }

    @Test
    void verifyIrsa_needsExactlyItsPolicy() {
        proveMinimal("verifyIrsa", LeastPrivilegeIamTest::verify, List.of(new Grant("verifyIrsa.json", user)));
    }

    @Test
    void aTrustOverTheSmallestQuota_withoutGetAccountSummary_isRefusedNamingThePermission() {
        give(new Grant("irsaRole.json", user), policy("irsaRole.json"));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("team-namespace-" + i + "/a-rather-long-service-account-name-" + i);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("serviceAccounts", many);
        args.put("roleName", "lp-too-big");
        long before = lastSeq();

        assertThatThrownBy(() -> asUser("irsaRole", args))
                .hasMessageContaining("AssumeRolePolicySizeQuota of 2048")
                .hasMessageContaining("grant iam:GetAccountSummary");
        assertThat(sandbox.calls().all().stream().filter(c -> c.seq() > before && c.mutating()))
                .isEmpty();
    }

    private static synchronized void proveMinimal(
            String step, IntFunction<List<Map<String, Object>>> runs, List<Grant> grants) {
        grants.forEach(g -> give(g, policy(g.file())));

        long before = lastSeq();
        int n = RUN.incrementAndGet();
        for (Map<String, Object> args : runs.apply(n)) {
            asUser(step, args);
        }
        for (Grant grant : grants) {
            assertThat(calledActions(before, grant.holder().arn()))
                    .as(
                            "%s: what the step called as %s is what %s allows",
                            step, grant.holder().arn(), grant.file())
                    .isEqualTo(actions(policy(grant.file())));
        }

        for (Grant grant : grants) {
            JsonNode full = policy(grant.file());
            for (int i = 0; i < full.path("Statement").size(); i++) {
                JsonNode statement = full.path("Statement").get(i);
                give(grant, without(full, i));
                int attempt = RUN.incrementAndGet();
                Throwable failure = catchThrowable(() -> runs.apply(attempt).forEach(args -> asUser(step, args)));
                give(grant, full);

                assertThat(failure)
                        .as(
                                "%s without statement %s of %s must fail",
                                step, statement.path("Sid").asText(), grant.file())
                        .isNotNull();
                // what a user reads: the engine's AccessDenied type (EC2 words it UnauthorizedOperation), or the step's
                // failure summary of a check that was denied, naming the action of the missing statement
                assertThat(failure instanceof AccessDeniedException
                                || failure.getMessage().contains("AccessDenied"))
                        .as(
                                "%s without %s is an AccessDenied: %s",
                                step, statement.path("Sid").asText(), failure)
                        .isTrue();
                assertThat(failure.getMessage())
                        .as("%s without %s", step, statement.path("Sid").asText())
                        .containsAnyOf(actions(statement).toArray(String[]::new));
            }
        }
    }

    /** Sets the holder's only policy; a document without statements means no policy at all. */
    private static void give(Grant grant, JsonNode document) {
        String text = document.path("Statement").isEmpty() ? null : document.toString();
        sandbox.putUserPolicy(grant.holder().accountId(), grant.userName(), "least-privilege", text);
    }

    private static JsonNode policy(String file) {
        try {
            return JSON.readTree(Files.readString(POLICIES.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode without(JsonNode document, int index) {
        ObjectNode copy = document.deepCopy();
        ((ArrayNode) copy.path("Statement")).remove(index);
        return copy;
    }

    private static Set<String> actions(JsonNode node) {
        Set<String> actions = new TreeSet<>();
        List<JsonNode> statements = new ArrayList<>();
        if (node.has("Statement")) {
            node.path("Statement").forEach(statements::add);
        } else {
            statements.add(node);
        }
        for (JsonNode statement : statements) {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }

    private static long lastSeq() {
        return sandbox.calls().all().stream().mapToLong(CallRecord::seq).max().orElse(0);
    }

    /**
     * The AWS actions a principal was allowed since {@code after}; GetCallerIdentity needs no permission, and a call
     * the step makes but does without when denied (a pre-check that turns into a warning) is not counted.
     */
    private static Set<String> calledActions(long after, String principal) {
        Set<String> actions = new TreeSet<>();
        for (CallRecord call : sandbox.calls().matching(c -> c.seq() > after && principal.equals(c.principal()))) {
            if (call.status() != 403
                    && Set.of("iam", "eks", "ec2", "sts").contains(call.service())
                    && !call.action().equals("GetCallerIdentity")) {
                String action = call.service() + ":" + call.action();
                actions.add(action);
                if (IMPLIED.containsKey(action)) {
                    actions.add(IMPLIED.get(action));
                }
            }
        }
        return actions;
    }
}
