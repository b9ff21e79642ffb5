package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a freestyle build step exports for later build steps. */
class ResultVariablesTest {

    @Test
    void clusterResult_isQualifiedByTheStep_exceptKeysThatNameThemselves() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", "prod");
        result.put("endpoint", "https://x.eks.amazonaws.com");
        result.put("oidcProviderArn", "arn:aws:iam::1:oidc-provider/x");
        result.put("created", true);
        result.put("certificateAuthority", "LS0t");
        result.put("changes", List.of(Map.of("action", "CREATE")));
        result.put("nodeGroups", List.of(Map.of("name", "ng")));

        assertThat(ResultVariables.of(Steps.CLUSTER, result))
                .containsExactly(
                        Map.entry("EKS_IRSA_CLUSTER_NAME", "prod"),
                        Map.entry("EKS_IRSA_CLUSTER_ENDPOINT", "https://x.eks.amazonaws.com"),
                        Map.entry("EKS_IRSA_OIDC_PROVIDER_ARN", "arn:aws:iam::1:oidc-provider/x"),
                        Map.entry("EKS_IRSA_CLUSTER_CREATED", "true"));
    }

    @Test
    void roleResult_joinsListsWithCommas() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("roleArn", "arn:aws:iam::1:role/r");
        result.put("targetRoleArns", List.of("arn:aws:iam::2:role/a", "arn:aws:iam::2:role/b"));
        result.put("serviceAccounts", List.of("apps/web"));
        result.put("trustPolicy", "{}");
        result.put("created", false);

        assertThat(ResultVariables.of(Steps.ROLE, result))
                .containsEntry("EKS_IRSA_ROLE_ARN", "arn:aws:iam::1:role/r")
                .containsEntry("EKS_IRSA_TARGET_ROLE_ARNS", "arn:aws:iam::2:role/a,arn:aws:iam::2:role/b")
                .containsEntry("EKS_IRSA_SERVICE_ACCOUNTS", "apps/web")
                .containsEntry("EKS_IRSA_ROLE_CREATED", "false")
                .doesNotContainKey("EKS_IRSA_ROLE_TRUST_POLICY")
                .doesNotContainKey("EKS_IRSA_TRUST_POLICY");
    }
}
