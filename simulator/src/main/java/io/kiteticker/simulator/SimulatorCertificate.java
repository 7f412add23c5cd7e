package io.kiteticker.simulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A self-signed certificate generated with BouncyCastle at start-up for {@code CN=localhost} with the subject
 * alternative names {@code DNS:localhost} and {@code IP:127.0.0.1} (EC P-256, SHA256withECDSA, valid from a day
 * before start-up for 30 days), exported so that a client can trust exactly it, with certificate checks left on:
 * <ul>
 *     <li>{@link #trustStorePath()}: a PKCS12 trust store holding only this certificate, protected by
 *     {@link #trustStorePassword()};</li>
 *     <li>{@link #pemPath()}: the certificate in PEM.</li>
 * </ul>
 */
public final class SimulatorCertificate
{
    /**
     * Alias of the certificate in the trust store and of the key in the server key store.
     */
    public static final String ALIAS = "kite-simulator";

    /**
     * File name of the exported PKCS12 trust store.
     */
    public static final String TRUST_STORE_FILE_NAME = "kite-simulator-truststore.p12";

    /**
     * File name of the exported PEM certificate.
     */
    public static final String PEM_FILE_NAME = "kite-simulator.pem";

    private final X509Certificate certificate;
    private final KeyStore serverKeyStore;
    private final char[] keyPassword;
    private final Path trustStorePath;
    private final Path pemPath;
    private final String trustStorePassword;

    private SimulatorCertificate(
        final X509Certificate certificate,
        final KeyStore serverKeyStore,
        final char[] keyPassword,
        final Path trustStorePath,
        final Path pemPath,
        final String trustStorePassword)
    {
        this.certificate = certificate;
        this.serverKeyStore = serverKeyStore;
        this.keyPassword = keyPassword;
        this.trustStorePath = trustStorePath;
        this.pemPath = pemPath;
        this.trustStorePassword = trustStorePassword;
    }

    /**
     * Generate a key pair and certificate and export the trust store and PEM files into a directory.
     *
     * @param directory          to write {@link #TRUST_STORE_FILE_NAME} and {@link #PEM_FILE_NAME} into.
     * @param trustStorePassword for the trust store.
     * @return the certificate.
     * @throws IOException              if the files cannot be written.
     * @throws GeneralSecurityException if generation fails.
     */
    public static SimulatorCertificate generate(final Path directory, final String trustStorePassword)
        throws IOException, GeneralSecurityException
    {
        final SecureRandom random = new SecureRandom();
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        final KeyPair keyPair = generator.generateKeyPair();

        final Instant now = Instant.now();
        final X500Name name = new X500Name("CN=localhost, O=Kite Ticker Simulator");
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(64, random).abs().add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            name,
            keyPair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]
            {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));

        final X509Certificate certificate;
        try
        {
            final ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        }
        catch (final org.bouncycastle.operator.OperatorCreationException ex)
        {
            throw new GeneralSecurityException(ex);
        }
        certificate.verify(keyPair.getPublic());

        final char[] keyPassword = trustStorePassword.toCharArray();
        final KeyStore serverKeyStore = KeyStore.getInstance("PKCS12");
        serverKeyStore.load(null, null);
        serverKeyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), keyPassword, new Certificate[]{ certificate });

        final KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry(ALIAS, certificate);

        Files.createDirectories(directory);
        final Path trustStorePath = directory.resolve(TRUST_STORE_FILE_NAME);
        try (OutputStream out = Files.newOutputStream(trustStorePath))
        {
            trustStore.store(out, keyPassword);
        }
        final Path pemPath = directory.resolve(PEM_FILE_NAME);
        try (Writer writer = Files.newBufferedWriter(pemPath, StandardCharsets.US_ASCII);
            JcaPEMWriter pemWriter = new JcaPEMWriter(writer))
        {
            pemWriter.writeObject(certificate);
        }

        return new SimulatorCertificate(
            certificate, serverKeyStore, keyPassword, trustStorePath, pemPath, trustStorePassword);
    }

    /**
     * The certificate.
     *
     * @return the X.509 certificate.
     */
    public X509Certificate certificate()
    {
        return certificate;
    }

    /**
     * The exported PKCS12 trust store holding only this certificate.
     *
     * @return its path.
     */
    public Path trustStorePath()
    {
        return trustStorePath;
    }

    /**
     * The exported certificate in PEM.
     *
     * @return its path.
     */
    public Path pemPath()
    {
        return pemPath;
    }

    /**
     * Password of the exported trust store.
     *
     * @return the password.
     */
    public String trustStorePassword()
    {
        return trustStorePassword;
    }

    /**
     * A server SSLContext with this certificate and its private key.
     *
     * @return a new initialised context.
     * @throws GeneralSecurityException if the JDK refuses the key.
     */
    public SSLContext serverSslContext() throws GeneralSecurityException
    {
        final KeyManagerFactory keyManagerFactory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagerFactory.init(serverKeyStore, keyPassword);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagerFactory.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    /**
     * A client SSLContext that trusts exactly the certificate in an exported PKCS12 trust store (and nothing
     * else), with normal certificate and host name checks.
     *
     * @param trustStorePath     of the exported trust store.
     * @param trustStorePassword of the trust store.
     * @return a new initialised context.
     * @throws IOException              if the file cannot be read.
     * @throws GeneralSecurityException if the trust store is invalid.
     */
    public static SSLContext clientSslContext(final Path trustStorePath, final String trustStorePassword)
        throws IOException, GeneralSecurityException
    {
        final KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStorePath))
        {
            trustStore.load(in, trustStorePassword.toCharArray());
        }
        final TrustManagerFactory trustManagerFactory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagerFactory.init(trustStore);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagerFactory.getTrustManagers(), new SecureRandom());
        return context;
    }
}
