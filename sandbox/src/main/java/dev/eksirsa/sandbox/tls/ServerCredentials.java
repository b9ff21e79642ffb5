package dev.eksirsa.sandbox.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A server's private key and the chain it presents: leaf, intermediate, root (in that order). The root is
 * included on purpose, as AWS's issuers end their chain with a root: the last presented certificate is what
 * eksctl and the AWS console thumbprint, so the thumbprint is the CA root's and survives leaf re-issue.
 */
public record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {
    public ServerCredentials {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must contain at least the leaf certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The last certificate of the presented chain: the one IAM's thumbprint is computed from. */
    public X509Certificate top() {
        return chain.get(chain.size() - 1);
    }

    /** A new server-side context presenting {@link #chain()}; each call builds a fresh one. */
    public SSLContext sslContext() {
        return TlsContexts.presenting(key, chain);
    }

    public String chainPem() {
        return Pem.encode(chain);
    }

    @Override
    public String toString() {
        return "ServerCredentials[subject=" + leaf().getSubjectX500Principal().getName()
                + ", sans=" + subjectAlternativeNames()
                + ", chain=" + chain.size() + " certificates"
                + ", key=" + key.getAlgorithm() + " (redacted)]";
    }

    private List<String> subjectAlternativeNames() {
        List<String> names = new ArrayList<>();
        try {
            var sans = leaf().getSubjectAlternativeNames();
            if (sans != null) {
                sans.forEach(entry -> names.add(String.valueOf(entry.get(1))));
            }
        } catch (CertificateParsingException e) {
            names.add("?");
        }
        return names;
    }
}
