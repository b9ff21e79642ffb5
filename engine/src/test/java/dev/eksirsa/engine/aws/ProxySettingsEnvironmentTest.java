package dev.eksirsa.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jenkins' proxy configuration as the variables the engine reads, read back the way every client reads them. */
class ProxySettingsEnvironmentTest {

    @Test
    void jenkinsProxy_roundTripsThroughTheEnvironment_withAnEncodedPassword() {
        Map<String, String> env = ProxySettings.environmentOf(
                "proxy.corp", 3128, "ci user", "p@ss:w/rd", "*.internal\n169.254.169.254|localhost, .svc");
        ProxySettings proxy = ProxySettings.fromEnvironment(env);

        assertThat(proxy.address()).hasToString("http://proxy.corp:3128");
        assertThat(proxy.username()).isEqualTo("ci user");
        assertThat(proxy.password()).isEqualTo("p@ss:w/rd");
        assertThat(proxy.bypasses("eks.internal")).isTrue();
        assertThat(proxy.bypasses("169.254.169.254")).isTrue();
        assertThat(proxy.bypasses("localhost")).isTrue();
        assertThat(proxy.bypasses("api.cluster.svc")).isTrue();
        assertThat(proxy.bypasses("iam.amazonaws.com")).isFalse();
        assertThat(proxy.toString()).doesNotContain("p@ss");
    }

    @Test
    void noHost_meansNoProxy_andNoUser_meansNoUserInfo() {
        assertThat(ProxySettings.environmentOf(" ", 3128, "u", "p", null)).isEmpty();
        Map<String, String> env = ProxySettings.environmentOf("proxy", 8080, null, "ignored", "");
        assertThat(env).containsExactly(Map.entry("HTTPS_PROXY", "http://proxy:8080"));
    }
}
