package io.kiteticker.cli.run;

import io.kiteticker.codec.Mode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Validated settings of one {@code ./kite run}.
 *
 * @param url                 the server, or null for the embedded simulator.
 * @param tls                 embedded simulator over wss (ignored with a url: the scheme decides).
 * @param credentials         keys and tokens for a url (empty for the embedded simulator, which makes its own).
 * @param keys                API keys to use.
 * @param connectionsPerKey   connections per key, 1 to 3.
 * @param tokens              which instruments.
 * @param modes               modes handed out round-robin over the tokens (one mode, or ltp, quote, full).
 * @param ticksPerSecond      total rate of the embedded simulator.
 * @param durationSeconds     run time, 0 for until interrupted.
 * @param journalDirectory    where to journal, or null for no journal.
 * @param trustStore          trust store for wss with a url, or null for the JVM default.
 * @param trustStorePassword  its password, or null.
 * @param statusFile          the engine's memory-mapped status file.
 * @param connectTimeout      how long start-up waits for every connection to be live.
 * @param credentialsGrace    how long mid-run 403s are retried before the credentials count as rejected.
 * @param idleStrategy        alias of the engine's connection thread idle strategy.
 * @param waitStrategy        alias of the handler threads' wait strategy.
 * @param isTerminal          progress rewrites one line (carriage return) instead of printing lines.
 */
public record RunSettings(
    URI url,
    boolean tls,
    List<Credential> credentials,
    int keys,
    int connectionsPerKey,
    TokenSelection tokens,
    Mode[] modes,
    double ticksPerSecond,
    long durationSeconds,
    Path journalDirectory,
    Path trustStore,
    String trustStorePassword,
    Path statusFile,
    Duration connectTimeout,
    Duration credentialsGrace,
    String idleStrategy,
    String waitStrategy,
    boolean isTerminal)
{
    /**
     * Whether the engine runs against the embedded simulator.
     *
     * @return true without a url.
     */
    public boolean isEmbedded()
    {
        return null == url;
    }

    /**
     * Connections in total.
     *
     * @return keys times connections per key.
     */
    public int totalConnections()
    {
        return keys * connectionsPerKey;
    }

    /**
     * The mode option's name: ltp, quote, full or mixed.
     *
     * @return the name.
     */
    public String modeName()
    {
        return 1 == modes.length ? modes[0].wireName() : "mixed";
    }

    /**
     * Without the trust store password.
     *
     * @return a printable description.
     */
    public String toString()
    {
        return "RunSettings{url=" + url + ", tls=" + tls + ", credentials=" + credentials + ", keys=" + keys +
            ", connectionsPerKey=" + connectionsPerKey + ", tokens=" + tokens + ", mode=" + modeName() +
            ", ticksPerSecond=" + ticksPerSecond + ", durationSeconds=" + durationSeconds + ", journal=" +
            journalDirectory + ", trustStore=" + trustStore + ", statusFile=" + statusFile + ", connectTimeout=" +
            connectTimeout + ", credentialsGrace=" + credentialsGrace + ", idleStrategy=" + idleStrategy +
            ", waitStrategy=" + waitStrategy + '}';
    }
}
