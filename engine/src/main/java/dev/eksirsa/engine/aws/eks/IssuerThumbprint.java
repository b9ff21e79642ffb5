package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.ProxySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The thumbprint IAM wants for an OIDC provider: SHA-1 (lower-case hex) of the DER of the last certificate the
 * issuer's TLS server presents, read from a plain TLS handshake. The chain must validate against the JVM's
 * trust store plus any extra CA certificates given (for example from {@code AWS_CA_BUNDLE}), so a
 * man in the middle cannot get its certificate registered. Unreachable or untrusted issuers give empty and a
 * warning: IAM accepts a provider without thumbprint since 2024.
 */
public final class IssuerThumbprint {
    private final List<X509Certificate> extraTrust;
    private final Duration timeout;
    private final ProxySettings proxy;

    public IssuerThumbprint(List<X509Certificate> extraTrust, Duration timeout) {
        this(extraTrust, timeout, null);
    }

    private IssuerThumbprint(List<X509Certificate> extraTrust, Duration timeout, ProxySettings proxy) {
        this.extraTrust = List.copyOf(extraTrust);
        this.timeout = timeout;
        this.proxy = proxy;
    }

    /** The same, reaching the issuer through {@code value} (null: directly), as the step's AWS clients do. */
    public IssuerThumbprint withProxy(ProxySettings value) {
        return new IssuerThumbprint(extraTrust, timeout, value);
    }

    /** JVM trust plus the PEM bundle named by {@code AWS_CA_BUNDLE}, when set. */
    public static IssuerThumbprint fromEnvironment(Map<String, String> env) {
        String bundle = env.get("AWS_CA_BUNDLE");
        if (bundle == null || bundle.isBlank()) {
            return new IssuerThumbprint(List.of(), Duration.ofSeconds(10));
        }
        try {
            return withExtraTrust(Files.readString(Path.of(bundle)));
        } catch (IOException e) {
            throw new InvalidInputException(
                    "AWS_CA_BUNDLE",
                    "cannot read " + bundle + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** JVM trust plus the certificates of a PEM bundle. */
    public static IssuerThumbprint withExtraTrust(String pemBundle) {
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pemBundle.getBytes(StandardCharsets.US_ASCII)))) {
                certs.add((X509Certificate) c);
            }
            return new IssuerThumbprint(certs, Duration.ofSeconds(10));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("AWS_CA_BUNDLE", "is not a PEM certificate bundle");
        }
    }

    public Optional<String> fetch(URI issuer, ProgressListener progress) {
        String host = issuer.getHost();
        int port = issuer.getPort() < 0 ? 443 : issuer.getPort();
        try {
            List<X509Certificate> chain = presentedChain(host, port);
            if (chain.isEmpty()) {
                progress.warn("OIDC issuer " + issuer
                        + " presented no certificate; registering the provider without thumbprint");
                return Optional.empty();
            }
            return Optional.of(sha1Hex(chain.get(chain.size() - 1)));
        } catch (IOException | GeneralSecurityException e) {
            progress.warn("cannot read the TLS certificate of OIDC issuer " + issuer + " ("
                    + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the provider gets no thumbprint, which IAM accepts for issuers "
                    + "with a well-known CA (for a private CA, name its PEM bundle in AWS_CA_BUNDLE)");
            return Optional.empty();
        }
    }

    static String sha1Hex(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
    }

    private List<X509Certificate> presentedChain(String host, int port) throws IOException, GeneralSecurityException {
        ChainRecorder recorder = new ChainRecorder(trustManager());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
        SSLSocketFactory factory = context.getSocketFactory();
        if (proxy != null && !proxy.bypasses(host)) {
            // the JDK's HTTPS client tunnels through the proxy (CONNECT); the handshake records the chain the same way
            var url = URI.create("https://" + host + ":" + port + "/.well-known/openid-configuration")
                    .toURL();
            var connection = (javax.net.ssl.HttpsURLConnection) url.openConnection(proxy.forHost(host));
            connection.setSSLSocketFactory(factory);
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            try {
                connection.connect();
            } finally {
                connection.disconnect();
            }
            return recorder.chain;
        }
        try (var plain = new java.net.Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, port, false)) {
                var params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                socket.startHandshake();
            }
        }
        return recorder.chain;
    }

    private X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        for (TrustManager tm : jvm.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                int i = 0;
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("jvm-" + i++, ca);
                }
            }
        }
        int i = 0;
        for (X509Certificate ca : extraTrust) {
            store.setCertificateEntry("extra-" + i++, ca);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        for (TrustManager tm : combined.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Validates like the delegate, and remembers the chain as the server presented it. */
    private static final class ChainRecorder implements X509TrustManager {
        private final X509TrustManager delegate;
        private List<X509Certificate> chain = List.of();

        ChainRecorder(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType)
                throws java.security.cert.CertificateException {
            delegate.checkServerTrusted(presented, authType);
            chain = List.of(presented);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
