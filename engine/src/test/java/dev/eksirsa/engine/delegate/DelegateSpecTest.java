package dev.eksirsa.engine.delegate;

import static dev.eksirsa.engine.delegate.DelegateFixtures.TOKEN;
import static dev.eksirsa.engine.delegate.DelegateFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DelegateSpecTest {

    @Test
    void build_minimal_takesHarnessDefaults() {
        DelegateSpec spec = spec().build();

        assertThat(spec.namespace()).isEqualTo("harness-delegate-ng");
        assertThat(spec.permissionLevel()).isEqualTo(PermissionLevel.CLUSTER_ADMIN);
        assertThat(spec.replicas()).isEqualTo(1);
        assertThat(spec.tokenSecretName()).isEqualTo("eks-delegate-account-token");
        assertThat(spec.upgraderImage()).isEqualTo("harness/upgrader:latest");
    }

    @Test
    void managerUrl_trailingSlash_isDroppedForTheLogServiceUrl() {
        DelegateSpec spec = spec().managerUrl("https://app3.harness.io/").build();

        assertThat(spec.managerUrl()).isEqualTo("https://app3.harness.io");
        assertThat(spec.logStreamingServiceUrl()).isEqualTo("https://app3.harness.io/log-service/");
    }

    @Test
    void serviceAccount_default_isRefused() {
        assertRefused(b -> b.serviceAccount("default"), "serviceAccount", "not default");
        assertRefused(b -> b.serviceAccount(null), "serviceAccount", "DNS-1123");
    }

    @Test
    void badValues_areRefusedNamingTheField() {
        assertRefused(b -> b.name("Eks_Delegate"), "name", "lower-case");
        assertRefused(b -> b.namespace("Bad NS"), "namespace", "DNS-1123 label");
        assertRefused(b -> b.accountId("acc ount"), "accountId", "Harness account id");
        assertRefused(b -> b.managerUrl("http://app.harness.io"), "managerUrl", "https");
        assertRefused(b -> b.managerUrl("https://app.harness.io?x=1"), "managerUrl", "https");
        assertRefused(b -> b.image("harness/delegate latest"), "image", "image reference");
        assertRefused(b -> b.tag("a,b"), "tags[2]", "','");
        assertRefused(b -> b.description("two\nlines"), "description", "one line");
        assertRefused(b -> b.replicas(0), "replicas", "at least 1");
        assertRefused(b -> b.tokenSecretName("Bad_Secret"), "tokenSecretName", "DNS-1123");
    }

    @Test
    void managerUrl_httpOnLoopback_isAllowedForTheSandbox() {
        assertThat(spec().managerUrl("http://127.0.0.1:8443").build().managerUrl())
                .isEqualTo("http://127.0.0.1:8443");
    }

    @Test
    void name_tooLongForTheUpgradersCronJob_isRefusedOnlyWithTheUpgrader() {
        String name = "d".repeat(DelegateSpec.MAX_NAME_WITH_UPGRADER + 1);

        assertThat(spec().name(name).build().name()).isEqualTo(name);
        assertRefused(b -> b.name(name).upgrader(true), "name", "52");
        assertThat(spec().name(name.substring(1)).upgrader(true).build().upgrader())
                .isTrue();
    }

    @Test
    void permissionLevel_parse_acceptsHarnessNamesOnly() {
        assertThat(PermissionLevel.parse("permissionLevel", "NAMESPACE_ADMIN"))
                .isEqualTo(PermissionLevel.NAMESPACE_ADMIN);
        assertThatThrownBy(() -> PermissionLevel.parse("permissionLevel", "admin"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("permissionLevel"))
                .hasMessageContaining("CLUSTER_ADMIN, CLUSTER_VIEWER, NAMESPACE_ADMIN");
    }

    @Test
    void delegateToken_isRedactedAndValidatedWithoutEchoingIt() {
        assertThat(new DelegateToken(TOKEN).toString()).isEqualTo("DelegateToken[****]");
        assertThatThrownBy(() -> new DelegateToken(TOKEN + " \n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> new DelegateToken(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void spec_holdsNoTokenValue() {
        assertThat(java.util.Arrays.stream(DelegateSpec.class.getRecordComponents())
                        .map(c -> c.getType().getName()))
                .doesNotContain(DelegateToken.class.getName());
        assertThat(spec().build().toString())
                .doesNotContain(TOKEN)
                .contains("tokenSecretName=eks-delegate-account-token", "serviceAccount=delegate-irsa");
    }

    private static void assertRefused(UnaryOperator<DelegateSpec.Builder> change, String field, String rule) {
        assertThatThrownBy(() -> change.apply(spec()).build())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(rule);
    }
}
