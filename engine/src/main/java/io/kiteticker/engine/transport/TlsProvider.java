package io.kiteticker.engine.transport;

import io.kiteticker.transport.TlsTransport;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * Which implementation of {@link javax.net.ssl.SSLEngine} the engine's {@link TlsTransport} (shared module
 * {@code kite-transport}) runs on. The transport takes an {@link SSLContext} and uses whatever engine it creates;
 * this enum, the engine's choice, builds contexts for a chosen provider. It stays out of the transport module so that
 * the simulator never needs Conscrypt's native library.
 * <ul>
 *     <li>{@link #JDK}: the JDK's own SunJSSE. Always there. JDK 17 allocates about 1.3 KB per 16 KB TLS 1.3 AES-GCM
 *     record it decrypts (a new AES-GCM engine per record in {@code GaloisCounterMode}, the AAD and nonce arrays,
 *     {@code GCMParameterSpec}, {@code SSLEngineResult}): ~15 B per full tick.</li>
 *     <li>{@link #CONSCRYPT}: Google's Conscrypt, BoringSSL through JNI ({@code org.conscrypt:conscrypt-openjdk-uber},
 *     natives for linux/osx x86_64 and aarch64, windows x86_64). It decrypts in native memory and allocates only
 *     the {@code SSLEngineResult} each {@code unwrap} returns, one per record: ~0.45 B per full tick.</li>
 * </ul>
 * {@link #defaultProvider()} is Conscrypt when its native library loads, the JDK otherwise, unless the system
 * property {@value #TLS_PROVIDER_PROP_NAME} says {@code jdk} or {@code conscrypt}. A Conscrypt provider instance is
 * used privately: it is never inserted into {@link java.security.Security}'s list, so the rest of the process keeps
 * its own providers.
 */
public enum TlsProvider
{
    /**
     * The JDK's SunJSSE.
     */
    JDK,

    /**
     * Conscrypt (BoringSSL via JNI), when its classes are on the class path and its native library loads.
     */
    CONSCRYPT;

    /**
     * System property naming the default provider: {@code jdk} or {@code conscrypt} (case-insensitive).
     */
    public static final String TLS_PROVIDER_PROP_NAME = "kite.tls.provider";

    /**
     * Is the provider usable in this process.
     *
     * @return true for {@link #JDK}; for {@link #CONSCRYPT} true when its classes and native library loaded.
     */
    public boolean isAvailable()
    {
        return this == JDK || null == ConscryptHolder.FAILURE;
    }

    /**
     * Why the provider is not available.
     *
     * @return the failure loading it, or {@code null} when it is available.
     */
    public Throwable unavailableCause()
    {
        return this == JDK ? null : ConscryptHolder.FAILURE;
    }

    /**
     * The security provider behind it.
     *
     * @return the JSSE provider of the JDK's default context, or this process's private Conscrypt provider.
     * @throws IllegalStateException if the provider is not available.
     */
    public Provider securityProvider()
    {
        if (this == JDK)
        {
            return JdkHolder.PROVIDER;
        }
        checkAvailable();
        return ConscryptHolder.PROVIDER;
    }

    /**
     * A new TLS context from this provider.
     *
     * @param keyManagers   client keys, or {@code null} for none.
     * @param trustManagers trust decisions, or {@code null} for the JDK's default trust store.
     * @return an initialised context whose engines come from this provider.
     * @throws GeneralSecurityException if the context cannot be created or initialised.
     * @throws IllegalStateException    if the provider is not available.
     */
    public SSLContext sslContext(final KeyManager[] keyManagers, final TrustManager[] trustManagers)
        throws GeneralSecurityException
    {
        final SSLContext context = SSLContext.getInstance("TLS", securityProvider());
        context.init(keyManagers, trustManagers, new SecureRandom());
        return context;
    }

    /**
     * A new TLS context from this provider that trusts the certificates of a trust store file (PKCS12 or JKS), e.g.
     * a self-signed server's.
     *
     * @param trustStore file to load.
     * @param password   of the file, or {@code null}.
     * @return an initialised context whose engines come from this provider.
     * @throws IOException              if the file cannot be read.
     * @throws GeneralSecurityException if the store or the context cannot be loaded or created.
     */
    public SSLContext trustStoreContext(final Path trustStore, final char[] password)
        throws IOException, GeneralSecurityException
    {
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(KeyStore.getInstance(trustStore.toFile(), password));
        return sslContext(null, factory.getTrustManagers());
    }

    /**
     * The default TLS context of this provider: the JDK's default trust store, no client keys.
     *
     * @return for {@link #JDK} {@code SSLContext.getDefault()}; for {@link #CONSCRYPT} a context created once.
     * @throws NoSuchAlgorithmException if the context cannot be created.
     * @throws IllegalStateException    if the provider is not available.
     */
    public SSLContext defaultSslContext() throws NoSuchAlgorithmException
    {
        if (this == JDK)
        {
            return SSLContext.getDefault();
        }
        checkAvailable();
        return ConscryptHolder.defaultContext();
    }

    /**
     * The provider an existing context belongs to.
     *
     * @param sslContext to look at.
     * @return {@link #CONSCRYPT} if its provider is Conscrypt, otherwise {@link #JDK}.
     */
    public static TlsProvider of(final SSLContext sslContext)
    {
        return null == ConscryptHolder.FAILURE && ConscryptHolder.isConscrypt(sslContext.getProvider()) ?
            CONSCRYPT : JDK;
    }

    /**
     * The provider to use when none is chosen: the system property {@value #TLS_PROVIDER_PROP_NAME} if set and
     * available, else Conscrypt if available, else the JDK.
     *
     * @return the default provider, always available.
     */
    public static TlsProvider defaultProvider()
    {
        final String name = System.getProperty(TLS_PROVIDER_PROP_NAME);
        if (null != name && !name.isBlank())
        {
            final TlsProvider chosen = parse(name);
            if (chosen.isAvailable())
            {
                return chosen;
            }
        }
        return CONSCRYPT.isAvailable() ? CONSCRYPT : JDK;
    }

    /**
     * Parse a provider name, case-insensitively.
     *
     * @param name {@code jdk} or {@code conscrypt}.
     * @return the provider.
     * @throws IllegalArgumentException for any other name.
     */
    public static TlsProvider parse(final String name)
    {
        for (final TlsProvider provider : values())
        {
            if (provider.name().equalsIgnoreCase(name.trim()))
            {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown TLS provider '" + name + "', expected jdk or conscrypt");
    }

    private void checkAvailable()
    {
        if (!isAvailable())
        {
            throw new IllegalStateException("TLS provider " + this + " is not available", unavailableCause());
        }
    }

    static final class JdkHolder
    {
        static final Provider PROVIDER = jdkProvider();

        private static Provider jdkProvider()
        {
            try
            {
                return SSLContext.getDefault().getProvider();
            }
            catch (final NoSuchAlgorithmException ex)
            {
                throw new IllegalStateException("no default SSLContext", ex);
            }
        }
    }

    /**
     * Loaded on first use so that a missing Conscrypt jar or native library is caught once, here, and nowhere else
     * refers to Conscrypt classes.
     */
    static final class ConscryptHolder
    {
        static final Provider PROVIDER;
        static final Throwable FAILURE;
        private static SSLContext defaultContext;

        static
        {
            Provider provider = null;
            Throwable failure = null;
            try
            {
                org.conscrypt.Conscrypt.checkAvailability();
                provider = org.conscrypt.Conscrypt.newProvider();
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            PROVIDER = provider;
            FAILURE = failure;
        }

        static boolean isConscrypt(final Provider provider)
        {
            return org.conscrypt.Conscrypt.isConscrypt(provider);
        }

        static synchronized SSLContext defaultContext() throws NoSuchAlgorithmException
        {
            if (null == defaultContext)
            {
                try
                {
                    final SSLContext context = SSLContext.getInstance("TLS", PROVIDER);
                    context.init(null, null, null);
                    defaultContext = context;
                }
                catch (final java.security.KeyManagementException ex)
                {
                    throw new NoSuchAlgorithmException("cannot initialise the Conscrypt TLS context", ex);
                }
            }
            return defaultContext;
        }
    }
}
