package dev.eksirsa.sandbox.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** In-memory JSSE contexts; nothing is written to disk. */
final class TlsContexts {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsContexts() {}

    static SSLContext trusting(X509Certificate anchor) {
        try {
            KeyStore trustStore = emptyKeyStore();
            trustStore.setCertificateEntry("anchor", anchor);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build client TLS context", e);
        }
    }

    static SSLContext presenting(PrivateKey key, List<X509Certificate> chain) {
        // The key store only lives in this method; its password protects nothing but is required by the API.
        char[] password = HexFormat.of().formatHex(RANDOM.generateSeed(16)).toCharArray();
        try {
            KeyStore keyStore = emptyKeyStore();
            keyStore.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build server TLS context", e);
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
