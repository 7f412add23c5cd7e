package io.kiteticker.engine.transport;

import io.kiteticker.transport.TlsTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsProviderTest
{
    @AfterEach
    void clearProperty()
    {
        System.clearProperty(TlsProvider.TLS_PROVIDER_PROP_NAME);
    }

    @Test
    void shouldLoadConscryptNativeLibraryOnThisPlatform()
    {
        assertThat(TlsProvider.CONSCRYPT.unavailableCause()).isNull();
        assertThat(TlsProvider.CONSCRYPT.isAvailable()).isTrue();
        assertThat(TlsProvider.JDK.isAvailable()).isTrue();
    }

    @Test
    void shouldDefaultToConscryptWhenAvailable()
    {
        assertThat(TlsProvider.defaultProvider()).isEqualTo(TlsProvider.CONSCRYPT);
    }

    @Test
    void shouldLetSystemPropertyChooseTheJdk()
    {
        System.setProperty(TlsProvider.TLS_PROVIDER_PROP_NAME, "JDK");
        assertThat(TlsProvider.defaultProvider()).isEqualTo(TlsProvider.JDK);
        System.setProperty(TlsProvider.TLS_PROVIDER_PROP_NAME, " conscrypt ");
        assertThat(TlsProvider.defaultProvider()).isEqualTo(TlsProvider.CONSCRYPT);
    }

    @Test
    void shouldRejectUnknownProviderName()
    {
        assertThatThrownBy(() -> TlsProvider.parse("openssl"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("openssl");
    }

    @Test
    void shouldCreateEnginesOfTheChosenProvider() throws Exception
    {
        final SSLContext conscrypt = TlsProvider.CONSCRYPT.sslContext(null, null);
        final SSLEngine conscryptEngine = conscrypt.createSSLEngine("localhost", 443);
        assertThat(conscryptEngine.getClass().getName()).startsWith("org.conscrypt.");
        assertThat(TlsProvider.of(conscrypt)).isEqualTo(TlsProvider.CONSCRYPT);
        assertThat(conscryptEngine.getSession().getApplicationBufferSize()).isGreaterThanOrEqualTo(16 * 1024);

        final SSLContext jdk = TlsProvider.JDK.sslContext(null, null);
        assertThat(jdk.createSSLEngine().getClass().getName()).startsWith("sun.security.ssl.");
        assertThat(TlsProvider.of(jdk)).isEqualTo(TlsProvider.JDK);
        assertThat(TlsProvider.of(SSLContext.getDefault())).isEqualTo(TlsProvider.JDK);
    }

    @Test
    void shouldGiveTheSharedTransportDirectBuffersForConscryptOnly() throws Exception
    {
        final SSLContext conscrypt = TlsProvider.CONSCRYPT.sslContext(null, null);
        assertThat(TlsTransport.isDirectNetBuffer(conscrypt.getProvider())).isTrue();
        assertThat(new TlsTransport(conscrypt, "localhost", 443, false, null).isDirect()).isTrue();

        final SSLContext jdk = TlsProvider.JDK.sslContext(null, null);
        assertThat(TlsTransport.isDirectNetBuffer(jdk.getProvider())).isFalse();
        assertThat(new TlsTransport(jdk, "localhost", 443, false, null).isDirect()).isFalse();
    }

    @Test
    void shouldShareOneDefaultConscryptContext() throws Exception
    {
        final SSLContext context = TlsProvider.CONSCRYPT.defaultSslContext();
        assertThat(TlsProvider.CONSCRYPT.defaultSslContext()).isSameAs(context);
        assertThat(TlsProvider.of(context)).isEqualTo(TlsProvider.CONSCRYPT);
        assertThat(TlsProvider.JDK.defaultSslContext()).isSameAs(SSLContext.getDefault());
    }

    @Test
    void shouldEnableTls13OnConscrypt() throws Exception
    {
        final SSLEngine engine = TlsProvider.CONSCRYPT.sslContext(null, null).createSSLEngine();
        assertThat(engine.getEnabledProtocols()).contains("TLSv1.3", "TLSv1.2");
    }
}
