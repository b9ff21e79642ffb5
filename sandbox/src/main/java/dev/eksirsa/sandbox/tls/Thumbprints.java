package dev.eksirsa.sandbox.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Certificate thumbprints in the form IAM stores for OIDC providers. */
public final class Thumbprints {
    private Thumbprints() {}

    /** Lower-case hex SHA-1 of the certificate's DER encoding (40 characters). */
    public static String sha1Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute thumbprint", e);
        }
    }
}
