package dev.eksirsa.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("test");

    @Test
    void rootAndIntermediateAreEcCaCertificates() throws Exception {
        X509Certificate root = CA.root();
        X509Certificate intermediate = CA.intermediate();
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        intermediate.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(intermediate.getBasicConstraints()).isZero();
        assertThat(root.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.getSubjectX500Principal().getName()).contains("CN=test Root CA");
        assertThat(root.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    }

    @Test
    void leafCarriesSansAndValidatesToTheRoot() throws Exception {
        ServerCredentials credentials =
                CA.issueServerCertificate(List.of("localhost", "example.test"), List.of("127.0.0.1", "::1"));
        X509Certificate leaf = credentials.leaf();
        assertThat(credentials.chain()).containsExactly(leaf, CA.intermediate(), CA.root());
        assertThat(credentials.top()).isEqualTo(CA.root());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getSubjectAlternativeNames().stream().map(entry -> String.valueOf(entry.get(1))))
                .contains("localhost", "example.test", "127.0.0.1")
                .hasSize(4);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(CA.intermediate().getSubjectX500Principal());

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(CA.root(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, CA.intermediate())),
                        parameters);
    }

    @Test
    void rejectsLeafWithoutNames() {
        assertThatThrownBy(() -> CA.issueServerCertificate(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CA.issueServerCertificate(List.of(), List.of("not-an-ip")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootPemRoundTrips() {
        String pem = CA.rootPem();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(Pem.decode(pem)).containsExactly(CA.root());
    }

    @Test
    void thumbprintIsLowerCaseHexSha1OfDer() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(CA.root().getEncoded()));
        assertThat(Thumbprints.sha1Hex(CA.root())).isEqualTo(expected).matches("[0-9a-f]{40}");
    }

    @Test
    void toStringNeverShowsTheKey() {
        ServerCredentials credentials = CA.issueServerCertificate(List.of("localhost"), List.of());
        String text = credentials.toString();
        String encodedKey = Base64.getEncoder().encodeToString(credentials.key().getEncoded());
        String hexKey = HexFormat.of().formatHex(credentials.key().getEncoded());
        assertThat(text).contains("redacted", "localhost").doesNotContain(encodedKey.substring(0, 40));
        assertThat(text.toLowerCase()).doesNotContain(hexKey.substring(hexKey.length() - 40));
        assertThat(CA.toString()).contains("test");
    }

    @Test
    void tlsHandshakeSucceedsOnlyForClientsTrustingThisRoot() throws Exception {
        ServerCredentials credentials = CA.issueServerCertificate(List.of("localhost"), List.of("127.0.0.1"));
        CertificateAuthority stranger = CertificateAuthority.create("stranger");
        try (SSLServerSocket server = (SSLServerSocket) credentials
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> serve(server, 2));

            try (SSLSocket client = connect(CA, server.getLocalPort())) {
                assertThat(client.getSession().getPeerCertificates()).hasSize(3);
                OutputStream out = client.getOutputStream();
                out.write('x');
                out.flush();
                assertThat(client.getInputStream().read()).isEqualTo('x');
            }
            assertThatThrownBy(() -> {
                        try (SSLSocket client = connect(stranger, server.getLocalPort())) {
                            client.startHandshake();
                        }
                    })
                    .isInstanceOf(SSLHandshakeException.class);
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    private static SSLSocket connect(CertificateAuthority trusted, int port) throws Exception {
        SSLSocket socket =
                (SSLSocket) trusted.clientTrusting().getSocketFactory().createSocket("localhost", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static void serve(SSLServerSocket server, int connections) {
        for (int i = 0; i < connections; i++) {
            try (var socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int b = in.read();
                if (b >= 0) {
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                }
            } catch (Exception expectedForUntrustedClient) {
                // the stranger's handshake fails on the server side too
            }
        }
    }
}
