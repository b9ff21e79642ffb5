package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class IssuerThumbprintTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxAws.fastSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void fetch_trustedIssuer_isSha1OfTheLastPresentedCertificate() {
        SandboxAws.Lines lines = new SandboxAws.Lines();
        URI issuer = URI.create(sandbox.oidc().baseUrl() + "/id/ABC");

        assertThat(SandboxAws.thumbprints(sandbox).fetch(issuer, lines))
                .contains(sandbox.oidc().topCertificateThumbprint());
        assertThat(sandbox.oidc().topCertificateThumbprint()).matches("[0-9a-f]{40}");
        assertThat(lines.all).isEmpty();
    }

    @Test
    void fetch_throughTheStepsProxy_tunnelsToTheIssuerAndReadsTheSameThumbprint() throws Exception {
        URI issuer = URI.create(sandbox.oidc().baseUrl() + "/id/ABC");
        try (dev.eksirsa.engine.aws.TunnelProxy proxy = new dev.eksirsa.engine.aws.TunnelProxy()) {
            var settings = dev.eksirsa.engine.aws.ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", proxy.url()));
            SandboxAws.Lines lines = new SandboxAws.Lines();

            assertThat(SandboxAws.thumbprints(sandbox).withProxy(settings).fetch(issuer, lines))
                    .contains(sandbox.oidc().topCertificateThumbprint());
            assertThat(proxy.targets())
                    .containsExactly(issuer.getHost() + ":" + (issuer.getPort() < 0 ? 443 : issuer.getPort()));
            assertThat(lines.all).isEmpty();
        }
    }

    @Test
    void fetch_hostInNoProxy_goesDirect() throws Exception {
        URI issuer = URI.create(sandbox.oidc().baseUrl() + "/id/ABC");
        try (dev.eksirsa.engine.aws.TunnelProxy proxy = new dev.eksirsa.engine.aws.TunnelProxy()) {
            var settings = dev.eksirsa.engine.aws.ProxySettings.fromEnvironment(
                    Map.of("HTTPS_PROXY", proxy.url(), "NO_PROXY", issuer.getHost()));

            assertThat(SandboxAws.thumbprints(sandbox).withProxy(settings).fetch(issuer, new SandboxAws.Lines()))
                    .contains(sandbox.oidc().topCertificateThumbprint());
            assertThat(proxy.targets()).isEmpty();
        }
    }

    @Test
    void fetch_untrustedIssuer_isEmptyWithWarning() {
        SandboxAws.Lines lines = new SandboxAws.Lines();
        URI issuer = URI.create(sandbox.oidc().baseUrl() + "/id/ABC");

        assertThat(IssuerThumbprint.fromEnvironment(Map.of()).fetch(issuer, lines))
                .isEmpty();
        assertThat(lines.all)
                .singleElement()
                .asString()
                .startsWith("WARN cannot read the TLS certificate of OIDC issuer " + issuer)
                .contains("AWS_CA_BUNDLE");
    }

    @Test
    void fetch_unreachableIssuer_isEmptyWithWarning() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SandboxAws.Lines lines = new SandboxAws.Lines();

        assertThat(new IssuerThumbprint(List.of(), Duration.ofSeconds(2))
                        .fetch(URI.create("https://127.0.0.1:" + closedPort + "/id/X"), lines))
                .isEmpty();
        assertThat(lines.all).singleElement().asString().startsWith("WARN cannot read the TLS certificate");
    }
}
