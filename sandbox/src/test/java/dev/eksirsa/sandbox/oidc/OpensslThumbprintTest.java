package dev.eksirsa.sandbox.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.tls.CertificateAuthority;
import dev.eksirsa.sandbox.tls.Pem;
import dev.eksirsa.sandbox.tls.Thumbprints;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thumbprint as eksctl and the AWS docs' procedure get it: from the last certificate openssl shows. */
class OpensslThumbprintTest {
    private static String openssl;

    @BeforeAll
    static void findOpenssl() {
        openssl = onPath("openssl");
        if (openssl == null) {
            System.err.println("SKIPPED OpensslThumbprintTest: no openssl on PATH");
        }
        Assumptions.assumeTrue(openssl != null, "openssl not on PATH");
    }

    @Test
    void lastCertificateShownByOpensslIsTheTopCertificate(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("openssl-test");
        try (OidcIssuerServer server = OidcIssuerServer.start(ca, "us-west-2", OidcFetchListener.NONE)) {
            Path caFile = Files.writeString(dir.resolve("root.pem"), ca.rootPem());
            String output = run(
                    openssl,
                    "s_client",
                    "-showcerts",
                    "-connect",
                    server.host() + ":" + server.port(),
                    "-CAfile",
                    caFile.toString(),
                    "-verify_return_error",
                    "-x509_strict",
                    "-verify_ip",
                    server.host());

            List<X509Certificate> shown = Pem.decode(output);
            assertThat(shown).hasSize(3);
            X509Certificate last = shown.get(shown.size() - 1);
            assertThat(Thumbprints.sha1Hex(last)).isEqualTo(server.topCertificateThumbprint());
            assertThat(last).isEqualTo(ca.root());
            // Strict verification of the chain and the IP SAN, as the AWS CLI's Python/OpenSSL would do.
            assertThat(output).contains("Verify return code: 0 (ok)");

            // The AWS docs' step: openssl x509 -fingerprint -sha1 on that last certificate.
            Path lastPem = Files.writeString(dir.resolve("last.pem"), Pem.encode(last));
            String fingerprint = run(openssl, "x509", "-in", lastPem.toString(), "-noout", "-fingerprint", "-sha1");
            String opensslThumbprint = fingerprint
                    .substring(fingerprint.indexOf('=') + 1)
                    .strip()
                    .replace(":", "")
                    .toLowerCase(Locale.ROOT);
            assertThat(opensslThumbprint).isEqualTo(server.topCertificateThumbprint());
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // s_client exits at end of stdin
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("exit code of %s; output:%n%s", List.of(command), text)
                .isZero();
        return text;
    }

    private static String onPath(String program) {
        List<String> directories =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        for (String directory : directories) {
            File candidate = new File(directory, program);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
