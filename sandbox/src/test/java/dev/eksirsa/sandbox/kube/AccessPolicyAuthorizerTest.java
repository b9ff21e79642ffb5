package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.eks.AccessScope;
import dev.eksirsa.sandbox.eks.AssociatedPolicy;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The EKS access policies, each scope, and each rule of each policy. */
@RunsAgainst(Backend.SANDBOX_SDK)
class AccessPolicyAuthorizerTest {
    private static final String CLUSTER_ADMIN = "AmazonEKSClusterAdminPolicy";
    private static final String ADMIN = "AmazonEKSAdminPolicy";
    private static final String EDIT = "AmazonEKSEditPolicy";
    private static final String VIEW = "AmazonEKSViewPolicy";
    private static final String ADMIN_VIEW = "AmazonEKSAdminViewPolicy";

    /** A request as {@code METHOD path}, and for each policy (cluster scope) whether it is allowed. */
    record Case(String request, boolean clusterAdmin, boolean admin, boolean edit, boolean view, boolean adminView) {
        KubeRequest parsed() {
            String[] parts = request.split(" ", 2);
            return KubeRequest.parse(parts[0], parts[1]);
        }

        boolean expected(String policy) {
            return switch (policy) {
                case CLUSTER_ADMIN -> clusterAdmin;
                case ADMIN -> admin;
                case EDIT -> edit;
                case VIEW -> view;
                case ADMIN_VIEW -> adminView;
                default -> throw new IllegalArgumentException(policy);
            };
        }
    }

    // clusterAdmin, admin, edit, view, adminView; at least one case is allowed by each rule alone (see below)
    static final List<Case> CASES = List.of(
            // view
            new Case("GET /api/v1/namespaces/apps/pods/web-1", true, true, true, true, true),
            new Case("GET /api/v1/namespaces/apps/serviceaccounts/app", true, true, true, true, true),
            new Case("GET /api/v1/namespaces", true, true, true, true, true),
            new Case("GET /apis/apps/v1/namespaces/apps/deployments", true, true, true, true, true),
            new Case(
                    "GET /apis/autoscaling/v2/namespaces/apps/horizontalpodautoscalers/web",
                    true,
                    true,
                    true,
                    true,
                    true),
            new Case("GET /apis/batch/v1/namespaces/apps/cronjobs", true, true, true, true, true),
            new Case("GET /apis/policy/v1/namespaces/apps/poddisruptionbudgets/web", true, true, true, true, true),
            new Case("GET /apis/networking.k8s.io/v1/namespaces/apps/ingresses", true, true, true, true, true),
            new Case("GET /apis/discovery.k8s.io/v1/namespaces/apps/endpointslices", true, true, true, true, true),
            // edit
            new Case("GET /api/v1/namespaces/apps/secrets/token", true, true, true, false, true),
            new Case("IMPERSONATE /api/v1/namespaces/apps/serviceaccounts/app", true, true, true, false, false),
            new Case("PATCH /api/v1/namespaces/apps/serviceaccounts/app", true, true, true, false, false),
            new Case("POST /api/v1/namespaces/apps/secrets", true, true, true, false, false),
            new Case("POST /api/v1/namespaces/apps/serviceaccounts/app/token", true, true, true, false, false),
            new Case("PATCH /apis/apps/v1/namespaces/apps/deployments/web", true, true, true, false, false),
            new Case(
                    "POST /apis/autoscaling/v2/namespaces/apps/horizontalpodautoscalers",
                    true,
                    true,
                    true,
                    false,
                    false),
            new Case("POST /apis/batch/v1/namespaces/apps/jobs", true, true, true, false, false),
            new Case("DELETE /apis/policy/v1/namespaces/apps/poddisruptionbudgets/web", true, true, true, false, false),
            new Case("POST /apis/networking.k8s.io/v1/namespaces/apps/networkpolicies", true, true, true, false, false),
            // admin
            new Case(
                    "POST /apis/rbac.authorization.k8s.io/v1/namespaces/apps/rolebindings",
                    true,
                    true,
                    false,
                    false,
                    false),
            new Case(
                    "POST /apis/authorization.k8s.io/v1/namespaces/apps/localsubjectaccessreviews",
                    true,
                    true,
                    false,
                    false,
                    false),
            // cluster admin only
            new Case(
                    "PATCH /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/harness",
                    true,
                    false,
                    false,
                    false,
                    false),
            new Case("PATCH /api/v1/namespaces/apps", true, false, false, false, false),
            new Case("POST /api/v1/namespaces", true, false, false, false, false),
            // read of everything: admin view and cluster admin
            new Case("GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings", true, false, false, false, true));

    static Stream<Arguments> policyCases() {
        List<Arguments> all = new ArrayList<>();
        for (String policy : List.of(CLUSTER_ADMIN, ADMIN, EDIT, VIEW, ADMIN_VIEW)) {
            CASES.forEach(c -> all.add(Arguments.of(policy, c)));
        }
        return all.stream();
    }

    private static AssociatedPolicy policy(String name, AccessScope scope) {
        return new AssociatedPolicy(AccessPolicyRules.PREFIX + name, scope, Instant.EPOCH, Instant.EPOCH);
    }

    private static AccessScope namespaces(String... names) {
        return new AccessScope("namespace", List.of(names));
    }

    private static boolean allows(KubeAccess access, String method, String path) {
        return AccessPolicyAuthorizer.allows(access, KubeRequest.parse(method, path));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("policyCases")
    void eachPolicy_atClusterScope_allowsWhatItsKubernetesRoleAllows(String policy, Case c) {
        KubeAccess access = KubeAccess.policies(List.of(policy(policy, AccessScope.cluster())));

        assertThat(AccessPolicyAuthorizer.allows(access, c.parsed())).isEqualTo(c.expected(policy));
    }

    @Test
    void everyRuleOfEveryPolicy_isTheOnlyOneOfItsPolicyToAllowSomeCase() {
        // removing any rule from a policy flips at least one case above: no rule goes untested
        for (String policy : AccessPolicyRules.policyNames()) {
            List<AccessPolicyRules.Rule> rules =
                    AccessPolicyRules.of(AccessPolicyRules.PREFIX + policy).orElseThrow();
            for (AccessPolicyRules.Rule rule : rules) {
                List<AccessPolicyRules.Rule> without = new ArrayList<>(rules);
                without.remove(rule);
                boolean flips = CASES.stream().filter(c -> c.expected(policy)).anyMatch(c -> {
                    KubeRequest r = c.parsed();
                    String resource = r.subresource() == null ? r.resource() : r.resource() + "/" + r.subresource();
                    return !AccessPolicyRules.anyMatches(without, r.group(), resource, r.verb());
                });
                assertThat(flips).as("a case needs rule %s of %s", rule, policy).isTrue();
            }
        }
    }

    @Test
    void namespaceScope_allowsInItsNamespaces_andNothingElsewhereOrClusterWide() {
        KubeAccess edit = KubeAccess.policies(List.of(policy(EDIT, namespaces("apps", "team-*"))));

        assertThat(allows(edit, "POST", "/api/v1/namespaces/apps/secrets")).isTrue();
        assertThat(allows(edit, "POST", "/api/v1/namespaces/team-a/secrets")).isTrue();
        assertThat(allows(edit, "POST", "/api/v1/namespaces/other/secrets")).isFalse();
        assertThat(allows(edit, "GET", "/api/v1/namespaces/apps"))
                .as("its own Namespace object")
                .isTrue();
        assertThat(allows(edit, "GET", "/api/v1/namespaces/other")).isFalse();
        assertThat(allows(edit, "GET", "/api/v1/namespaces"))
                .as("listing namespaces is cluster-wide")
                .isFalse();
        assertThat(allows(edit, "GET", "/api/v1/pods"))
                .as("pods of all namespaces")
                .isFalse();
    }

    @Test
    void clusterAdminPolicy_atNamespaceScope_stillCannotWriteClusterScopedResources() {
        KubeAccess access = KubeAccess.policies(List.of(policy(CLUSTER_ADMIN, namespaces("apps"))));

        assertThat(allows(access, "PATCH", "/apis/apps/v1/namespaces/apps/deployments/web"))
                .isTrue();
        assertThat(allows(access, "PATCH", "/api/v1/namespaces/apps")).isTrue();
        assertThat(allows(access, "PATCH", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/harness"))
                .isFalse();
        assertThat(allows(access, "PATCH", "/apis/apps/v1/namespaces/other/deployments/web"))
                .isFalse();
    }

    @Test
    void severalPolicies_allowTheUnionOfTheirScopes() {
        KubeAccess access =
                KubeAccess.policies(List.of(policy(VIEW, AccessScope.cluster()), policy(EDIT, namespaces("apps"))));

        assertThat(allows(access, "GET", "/api/v1/namespaces/other/pods")).isTrue();
        assertThat(allows(access, "POST", "/api/v1/namespaces/apps/secrets")).isTrue();
        assertThat(allows(access, "POST", "/api/v1/namespaces/other/secrets")).isFalse();
    }

    @Test
    void anEntryWithoutPolicies_mayUseDiscoveryOnly_andNoEntryNothing() {
        KubeAccess entryOnly = KubeAccess.policies(List.of());

        assertThat(allows(entryOnly, "GET", "/api")).isTrue();
        assertThat(allows(entryOnly, "GET", "/version")).isTrue();
        assertThat(allows(entryOnly, "GET", "/api/v1/namespaces/apps/pods")).isFalse();
        assertThat(allows(KubeAccess.NONE, "GET", "/api")).isFalse();
        assertThat(allows(KubeAccess.CLUSTER_ADMIN, "DELETE", "/api/v1/namespaces/kube-system"))
                .isTrue();
    }

    @Test
    void anUnknownPolicy_allowsNothing() {
        KubeAccess access = KubeAccess.policies(List.of(policy("AmazonEKSMadeUpPolicy", AccessScope.cluster())));

        assertThat(allows(access, "GET", "/api/v1/namespaces/apps/pods")).isFalse();
    }
}
