package dev.eksirsa.sandbox.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the three kinds of certificates with the extensions strict verifiers insist on (OpenSSL's
 * X509_STRICT as used by recent Python, hence the AWS CLI; Go's crypto/x509 for kubectl): critical basic
 * constraints and key usage on CAs, subject and authority key identifiers, positive serials.
 */
final class CertificateBuilder {
    // Backdated so that a verifier whose clock lags slightly still accepts a certificate issued just now.
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateBuilder() {}

    static X500Name name(String commonName, String organization) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    static X509Certificate root(X500Name subject, KeyPair keys, Duration validity) {
        return build(subject, keys.getPublic(), subject, keys.getPublic(), keys.getPrivate(), validity, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    static X509Certificate intermediate(
            X500Name subject, PublicKey subjectKey, X509Certificate issuer, PrivateKey issuerKey, Duration validity) {
        return build(subject, subjectKey, issuerName(issuer), issuer.getPublicKey(), issuerKey, validity, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    static X509Certificate serverLeaf(
            X500Name subject,
            PublicKey subjectKey,
            List<String> dnsNames,
            List<String> ipAddresses,
            X509Certificate issuer,
            PrivateKey issuerKey,
            Duration validity) {
        List<GeneralName> alternativeNames = new ArrayList<>();
        dnsNames.forEach(dns -> alternativeNames.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> alternativeNames.add(new GeneralName(GeneralName.iPAddress, ip)));
        GeneralNames sans = new GeneralNames(alternativeNames.toArray(GeneralName[]::new));
        return build(subject, subjectKey, issuerName(issuer), issuer.getPublicKey(), issuerKey, validity, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, sans);
        });
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException;
    }

    private static X500Name issuerName(X509Certificate issuer) {
        return X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(
            X500Name subject,
            PublicKey subjectKey,
            X500Name issuer,
            PublicKey issuerPublicKey,
            PrivateKey issuerKey,
            Duration validity,
            Extensions extensions) {
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(validity)),
                    subject,
                    subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerPublicKey));
            extensions.add(builder);
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }
}
