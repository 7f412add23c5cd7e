package io.kiteticker.journal;

import io.kiteticker.engine.KiteManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a recording says about itself, written once as the {@link JournalRecord#SESSION} document at its start:
 * format version, start time, the API key ids by index, connections per key and a one-line settings summary.
 * <p>
 * The payload is UTF-8 text, one {@code key=value} per line:
 * <pre>
 * format=kite-journal
 * version=1
 * start=2026-01-05T03:45:00.123456789Z
 * startEpochNanos=1767584700123456789
 * connectionsPerKey=3
 * keyCount=2
 * key.0=alpha
 * key.1=beta
 * settings=KiteManagerBuilder{apiKeyIds=[alpha, beta], maxConnectionsPerApi=3, ...}
 * </pre>
 * <b>Note:</b> it holds key <em>ids</em> (labels), never an api_key or access token.
 */
public final class SessionInfo
{
    /**
     * Value of the {@code format} line.
     */
    public static final String FORMAT_NAME = "kite-journal";

    private final int version;
    private final long startEpochNanos;
    private final List<String> apiKeyIds;
    private final int connectionsPerKey;
    private final String settings;

    /**
     * A session description.
     *
     * @param version           format version.
     * @param startEpochNanos   when the recording started.
     * @param apiKeyIds         key ids by index.
     * @param connectionsPerKey connections opened per key.
     * @param settings          one-line settings summary without secrets.
     */
    public SessionInfo(
        final int version,
        final long startEpochNanos,
        final List<String> apiKeyIds,
        final int connectionsPerKey,
        final String settings)
    {
        this.version = version;
        this.startEpochNanos = startEpochNanos;
        this.apiKeyIds = Collections.unmodifiableList(new ArrayList<>(apiKeyIds));
        this.connectionsPerKey = connectionsPerKey;
        this.settings = null == settings ? "" : settings.replace('\n', ' ');
    }

    /**
     * Describe a built manager.
     *
     * @param manager         whose key ids and connections per key are recorded.
     * @param settings        summary, e.g. the builder's {@code toString()} (which carries no secret).
     * @param startEpochNanos when the recording started.
     * @return the session description.
     */
    public static SessionInfo of(final KiteManager manager, final String settings, final long startEpochNanos)
    {
        return new SessionInfo(
            JournalRecord.FORMAT_VERSION, startEpochNanos, manager.apiKeys(), manager.connectionsPerApiKey(), settings);
    }

    /**
     * Format version of the recording.
     *
     * @return the version.
     */
    public int version()
    {
        return version;
    }

    /**
     * When the recording started.
     *
     * @return epoch nanos.
     */
    public long startEpochNanos()
    {
        return startEpochNanos;
    }

    /**
     * Key ids by index.
     *
     * @return an unmodifiable list.
     */
    public List<String> apiKeyIds()
    {
        return apiKeyIds;
    }

    /**
     * Id of a key index, or {@code "#n"} when the session does not name it.
     *
     * @param apiKeyIndex of the key.
     * @return its id.
     */
    public String apiKeyId(final int apiKeyIndex)
    {
        return apiKeyIndex >= 0 && apiKeyIndex < apiKeyIds.size() ? apiKeyIds.get(apiKeyIndex) : "#" + apiKeyIndex;
    }

    /**
     * Connections opened per key.
     *
     * @return connections per key.
     */
    public int connectionsPerKey()
    {
        return connectionsPerKey;
    }

    /**
     * One-line settings summary.
     *
     * @return the summary.
     */
    public String settings()
    {
        return settings;
    }

    /**
     * Encode as the {@code key=value} text of the session document.
     *
     * @return the text.
     */
    public String encode()
    {
        final StringBuilder builder = new StringBuilder(256);
        builder.append("format=").append(FORMAT_NAME).append('\n')
            .append("version=").append(version).append('\n')
            .append("start=").append(toInstant(startEpochNanos)).append('\n')
            .append("startEpochNanos=").append(startEpochNanos).append('\n')
            .append("connectionsPerKey=").append(connectionsPerKey).append('\n')
            .append("keyCount=").append(apiKeyIds.size()).append('\n');
        for (int i = 0; i < apiKeyIds.size(); i++)
        {
            builder.append("key.").append(i).append('=').append(apiKeyIds.get(i).replace('\n', ' ')).append('\n');
        }
        builder.append("settings=").append(settings).append('\n');
        return builder.toString();
    }

    /**
     * Parse the text of a session document.
     *
     * @param text as written by {@link #encode()}.
     * @return the session description.
     * @throws JournalException if the text is not a kite-journal session.
     */
    public static SessionInfo decode(final String text)
    {
        String format = null;
        int version = -1;
        long startEpochNanos = 0;
        int connectionsPerKey = 0;
        int keyCount = 0;
        String settings = "";
        final List<String> keyLines = new ArrayList<>();
        final List<Integer> keyIndices = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            final String name = line.substring(0, equals);
            final String value = line.substring(equals + 1);
            try
            {
                switch (name)
                {
                    case "format":
                        format = value;
                        break;
                    case "version":
                        version = Integer.parseInt(value);
                        break;
                    case "startEpochNanos":
                        startEpochNanos = Long.parseLong(value);
                        break;
                    case "connectionsPerKey":
                        connectionsPerKey = Integer.parseInt(value);
                        break;
                    case "keyCount":
                        keyCount = Integer.parseInt(value);
                        break;
                    case "settings":
                        settings = value;
                        break;
                    default:
                        if (name.startsWith("key."))
                        {
                            keyIndices.add(Integer.parseInt(name.substring(4)));
                            keyLines.add(value);
                        }
                        break;
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new JournalException("malformed session line '" + line + "'", ex);
            }
        }
        if (!FORMAT_NAME.equals(format))
        {
            throw new JournalException("not a kite-journal session document (format=" + format + ")");
        }
        final List<String> ids = new ArrayList<>(Collections.nCopies(keyCount, ""));
        for (int i = 0; i < keyIndices.size(); i++)
        {
            final int index = keyIndices.get(i);
            if (index >= 0 && index < keyCount)
            {
                ids.set(index, keyLines.get(i));
            }
        }
        return new SessionInfo(version, startEpochNanos, ids, connectionsPerKey, settings);
    }

    /**
     * An epoch-nanos time as an {@link Instant}.
     *
     * @param epochNanos since the epoch.
     * @return the instant.
     */
    public static Instant toInstant(final long epochNanos)
    {
        return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "SessionInfo{version=" + version + ", start=" + toInstant(startEpochNanos) + ", apiKeyIds=" + apiKeyIds +
            ", connectionsPerKey=" + connectionsPerKey + ", settings=" + settings + '}';
    }
}
