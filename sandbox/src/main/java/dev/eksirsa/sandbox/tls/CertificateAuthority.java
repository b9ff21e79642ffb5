package dev.eksirsa.sandbox.tls;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The sandbox's private PKI: a self-signed root, one intermediate (path length 0) signed by it, and server
 * leaves signed by the intermediate. Every key is EC P-256, every signature SHA256withECDSA; all of it is
 * generated in memory by {@link #create} and lives only as long as this object. Thread-safe.
 */
public final class CertificateAuthority {
    private static final String ORGANIZATION = "eks-irsa sandbox";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(1825);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(365);

    private final String name;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final PrivateKey intermediateKey;

    private CertificateAuthority(
            String name, X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey) {
        this.name = name;
        this.root = root;
        this.intermediate = intermediate;
        this.intermediateKey = intermediateKey;
    }

    /** A fresh root and intermediate; {@code name} goes into their common names. */
    public static CertificateAuthority create(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("CA name must not be blank");
        }
        KeyPair rootKeys = KeyPairs.ecP256();
        X509Certificate root = CertificateBuilder.root(
                CertificateBuilder.name(name + " Root CA", ORGANIZATION), rootKeys, ROOT_VALIDITY);
        KeyPair intermediateKeys = KeyPairs.ecP256();
        X509Certificate intermediate = CertificateBuilder.intermediate(
                CertificateBuilder.name(name + " Intermediate CA", ORGANIZATION),
                intermediateKeys.getPublic(),
                root,
                rootKeys.getPrivate(),
                INTERMEDIATE_VALIDITY);
        // The root key is dropped here: nothing is ever signed by it again.
        return new CertificateAuthority(name, root, intermediate, intermediateKeys.getPrivate());
    }

    public String name() {
        return name;
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    /**
     * A leaf for a TLS server, signed by the intermediate, with the given DNS and IP subject alternative
     * names (at least one name overall). Its chain is leaf, intermediate, root; see {@link ServerCredentials}.
     */
    public ServerCredentials issueServerCertificate(List<String> dnsNames, List<String> ipAddresses) {
        List<String> dns = List.copyOf(Objects.requireNonNull(dnsNames, "dnsNames"));
        List<String> ips = List.copyOf(Objects.requireNonNull(ipAddresses, "ipAddresses"));
        if (dns.isEmpty() && ips.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        if (dns.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("blank DNS name");
        }
        KeyPair leafKeys = KeyPairs.ecP256();
        X500Name subject = CertificateBuilder.name(dns.isEmpty() ? ips.get(0) : dns.get(0), ORGANIZATION);
        X509Certificate leaf = CertificateBuilder.serverLeaf(
                subject, leafKeys.getPublic(), dns, ips, intermediate, intermediateKey, LEAF_VALIDITY);
        return new ServerCredentials(leafKeys.getPrivate(), List.of(leaf, intermediate, root));
    }

    /** The root certificate as PEM, e.g. for a kubeconfig's certificate-authority-data or a CA bundle file. */
    public String rootPem() {
        return Pem.encode(root);
    }

    /** A client-side context trusting only this CA's root (with the JVM's default hostname checks left to the client). */
    public SSLContext clientTrusting() {
        return TlsContexts.trusting(root);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + name + ", root " + Thumbprints.sha1Hex(root) + "]";
    }
}
