package dev.eksirsa.engine.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delegate step's own rules, each refused naming its field before any call. */
class HarnessDelegateSpecTest {

    private static Map<String, Object> base() {
        return new LinkedHashMap<>(Map.of("cluster", "prod", "name", "prod-delegate", "accountId", "abcDEF123"));
    }

    private static void refused(Map<String, Object> args, String field) {
        assertThatThrownBy(() -> HarnessDelegateSpec.fromArguments(args))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void defaults_areHarnessDefaults_andTheServiceAccountIsTheDelegatesName() {
        HarnessDelegateSpec spec = HarnessDelegateSpec.fromArguments(base());
        assertThat(spec.namespace()).isEqualTo("harness-delegate-ng");
        assertThat(spec.serviceAccount()).isEqualTo("prod-delegate");
        assertThat(spec.managerUrl()).hasToString("https://app.harness.io");
        assertThat(spec.apiKeyEnv()).isEqualTo("HARNESS_PLATFORM_API_KEY");
        assertThat(spec.permissions()).isEqualTo(PermissionLevel.CLUSTER_ADMIN);
        assertThat(spec.tokenName()).isEqualTo("prod-delegate-token");
        assertThat(spec.absent()).isFalse();
    }

    @Test
    void eachRule_isRefusedNamingItsField() {
        Map<String, Object> noAccount = base();
        noAccount.remove("accountId");
        refused(noAccount, "accountId");

        Map<String, Object> crossWithoutAws = base();
        crossWithoutAws.put("crossAccountRoleArn", "arn:aws:iam::111122223333:role/Role-2");
        refused(crossWithoutAws, "crossAccountRoleArn");

        Map<String, Object> policyArn = base();
        policyArn.put("awsConnector", "aws");
        policyArn.put("crossAccountRoleArn", "arn:aws:iam::111122223333:policy/Role-2");
        refused(policyArn, "crossAccountRoleArn");

        Map<String, Object> externalIdAlone = base();
        externalIdAlone.put("awsConnector", "aws");
        externalIdAlone.put("connectorExternalId", "x");
        refused(externalIdAlone, "connectorExternalId");

        Map<String, Object> testNothing = base();
        testNothing.put("testConnectors", true);
        refused(testNothing, "testConnectors");

        Map<String, Object> badConnectorId = base();
        badConnectorId.put("k8sConnector", "1-eks");
        refused(badConnectorId, "k8sConnector");

        Map<String, Object> sameIds = base();
        sameIds.put("k8sConnector", "c");
        sameIds.put("awsConnector", "c");
        refused(sameIds, "awsConnector");

        Map<String, Object> plainHttp = base();
        plainHttp.put("managerUrl", "http://app.harness.io");
        refused(plainHttp, "managerUrl");

        Map<String, Object> notAVariable = base();
        notAVariable.put("apiKeyEnv", "pat.abc.def");
        refused(notAVariable, "apiKeyEnv");

        Map<String, Object> tokenTwice = base();
        tokenTwice.put("tokenEnv", "TOKEN");
        tokenTwice.put("tokenCredentialsId", "harness-token");
        refused(tokenTwice, "tokenCredentialsId");

        Map<String, Object> defaultAccount = base();
        defaultAccount.put("serviceAccount", "default");
        refused(defaultAccount, "serviceAccount");

        Map<String, Object> state = base();
        state.put("state", "gone");
        refused(state, "state");

        Map<String, Object> permissions = base();
        permissions.put("permissions", "ADMIN");
        refused(permissions, "permissions");
    }

    @Test
    void loopbackHttp_isAllowed_forTheSandbox() {
        Map<String, Object> args = base();
        args.put("managerUrl", "http://127.0.0.1:8080");
        assertThat(HarnessDelegateSpec.fromArguments(args).managerUrl()).hasToString("http://127.0.0.1:8080");
    }
}
