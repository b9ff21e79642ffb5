package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.AccessScopeType;

/**
 * The least EKS access policy each step needs on the cluster: with it the step succeeds; with the next weaker one, or
 * a namespace scope where it needs the cluster, it fails naming what Kubernetes refused. The identity running the
 * steps is not the cluster's creator: the cluster admin gives it its access entry and policy.
 */
@RunsAgainst(Backend.SANDBOX_SDK)
class LeastAccessPolicyTest {
    private static final String CLUSTER = "la";
    private static final String NS = "apps";
    private static final String POLICY = "arn:aws:eks::aws:cluster-access-policy/";
    private static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private static Sandbox sandbox;
    private static Map<String, String> env;
    private static SandboxAccount operator;

    @BeforeAll
    static void setUp() throws IOException {
        sandbox = SandboxAws.fastSandbox();
        Path ca = Files.createTempFile("la-ca", ".pem");
        ca.toFile().deleteOnExit();
        Files.writeString(ca, sandbox.certificateAuthority().rootPem());
        env = Map.of(
                "AWS_REGION", sandbox.region(),
                "HARNESS_PLATFORM_API_KEY", sandbox.harness().account().apiKey(),
                "AWS_CA_BUNDLE", ca.toString());
        // IAM is not the subject here: the operator may call any AWS action, Kubernetes decides the rest
        operator = sandbox.createUser(sandbox.primary().accountId(), "eks-irsa-operator");
        sandbox.putUserPolicy(operator.accountId(), "eks-irsa-operator", "all", ALLOW_ALL);
        SandboxSteps.run(
                sandbox,
                env,
                "eksIrsaCluster",
                new LinkedHashMap<>(Map.of("name", CLUSTER, "create", true, "timeout", "30s")));
        Map<String, Object> verified = roleArgs("verified");
        SandboxSteps.run(sandbox, env, "irsaRole", verified);
        try (AwsClients admin = SandboxAws.clients(sandbox)) {
            admin.eks().createAccessEntry(b -> b.clusterName(CLUSTER).principalArn(operator.arn()));
        }
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    /** The cluster admin associates exactly this access policy with the operator's access entry. */
    private static void grant(String policy, String namespace) {
        try (AwsClients admin = SandboxAws.clients(sandbox)) {
            admin.eks()
                    .listAssociatedAccessPolicies(b -> b.clusterName(CLUSTER).principalArn(operator.arn()))
                    .associatedAccessPolicies()
                    .forEach(p -> admin.eks().disassociateAccessPolicy(b -> b.clusterName(CLUSTER)
                            .principalArn(operator.arn())
                            .policyArn(p.policyArn())));
            admin.eks().associateAccessPolicy(b -> b.clusterName(CLUSTER)
                    .principalArn(operator.arn())
                    .policyArn(POLICY + policy)
                    .accessScope(s -> {
                        if (namespace == null) {
                            s.type(AccessScopeType.CLUSTER);
                        } else {
                            s.type(AccessScopeType.NAMESPACE).namespaces(namespace);
                        }
                    }));
        }
    }

    private static Map<String, Object> asOperator(String step, Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        args.put("credentialsId", "operator");
        args.put("endpointUrl", sandbox.awsEndpoint().toString());
        Map<String, StoredCredentials> credentials =
                Map.of("operator", StoredCredentials.keys(operator.accessKeyId(), operator.secretAccessKey(), null));
        return new StepCall(step, args, env, credentials, false).run(ProgressListener.NONE);
    }

    private static Map<String, Object> roleArgs(String serviceAccount) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("namespace", NS);
        args.put("serviceAccount", serviceAccount);
        args.put("roleName", "la-" + serviceAccount);
        return args;
    }

    private static Map<String, Object> delegateArgs(String name) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cluster", CLUSTER);
        args.put("accountId", sandbox.harness().account().accountId());
        args.put("name", name);
        args.put("namespace", NS);
        args.put("serviceAccount", "verified");
        args.put("managerUrl", sandbox.harness().uri().toString());
        args.put("timeout", "60s");
        return args;
    }

    private static Map<String, Object> verifyArgs() {
        return new LinkedHashMap<>(
                Map.of("cluster", CLUSTER, "namespace", NS, "serviceAccount", "verified", "timeout", "5s"));
    }

    private static Map<String, Object> absent(Map<String, Object> args) {
        Map<String, Object> copy = new LinkedHashMap<>(args);
        copy.put("state", "absent");
        return copy;
    }

    private static String denial(String verb, String resource) {
        return "User \"" + operator.arn() + "\" cannot " + verb + " resource \"" + resource + "\"";
    }

    @Test
    void irsaRole_needsEditInItsNamespace() {
        grant("AmazonEKSEditPolicy", NS);
        asOperator("irsaRole", roleArgs("edit-sa"));
        assertThat(asOperator("irsaRole", roleArgs("edit-sa")).get("changes"))
                .asList()
                .isEmpty();
        asOperator("irsaRole", absent(roleArgs("edit-sa")));

        grant("AmazonEKSViewPolicy", NS);
        assertThatThrownBy(() -> asOperator("irsaRole", roleArgs("view-sa")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining(denial("patch", "serviceaccounts"))
                .hasMessageContaining("in the namespace \"" + NS + "\"");

        grant("AmazonEKSEditPolicy", "elsewhere");
        assertThatThrownBy(() -> asOperator("irsaRole", roleArgs("elsewhere-sa")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("User \"" + operator.arn() + "\" cannot get resource \"serviceaccounts\"")
                .hasMessageContaining("in the namespace \"" + NS + "\"");
    }

    @Test
    void harnessDelegate_needsClusterAdminAtClusterScope() {
        grant("AmazonEKSClusterAdminPolicy", null);
        asOperator("harnessDelegate", delegateArgs("la-delegate"));
        assertThat(asOperator("harnessDelegate", delegateArgs("la-delegate")).get("changes"))
                .asList()
                .isEmpty();
        asOperator("harnessDelegate", absent(delegateArgs("la-delegate")));

        // admin may not change Namespace objects (nor cluster RBAC): the delegate's namespace apply is refused first
        grant("AmazonEKSAdminPolicy", null);
        assertThatThrownBy(() -> asOperator("harnessDelegate", delegateArgs("la-admin")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining(denial("patch", "namespaces"));

        grant("AmazonEKSClusterAdminPolicy", NS);
        assertThatThrownBy(() -> asOperator("harnessDelegate", delegateArgs("la-namespaced")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining(denial("get", "clusterrolebindings"))
                .hasMessageContaining("at the cluster scope");
    }

    @Test
    void verifyIrsa_needsEditInItsNamespace_forTheServiceAccountToken() {
        grant("AmazonEKSEditPolicy", NS);
        assertThat(asOperator("verifyIrsa", verifyArgs()).get("passed")).isEqualTo(true);
        assertThat(asOperator("verifyIrsa", verifyArgs()).get("passed")).isEqualTo(true);

        grant("AmazonEKSViewPolicy", NS);
        assertThatThrownBy(() -> asOperator("verifyIrsa", verifyArgs()))
                .hasMessageContaining(denial("create", "serviceaccounts/token"))
                .hasMessageContaining("serviceaccounts/token");
    }
}
