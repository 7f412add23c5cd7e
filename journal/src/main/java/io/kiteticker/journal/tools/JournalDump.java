package io.kiteticker.journal.tools;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.JournalDamage;
import io.kiteticker.journal.JournalDamageDetector;
import io.kiteticker.journal.JournalDamagedException;
import io.kiteticker.journal.JournalRecord;
import io.kiteticker.journal.Journals;
import io.kiteticker.journal.SessionInfo;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintWriter;
import java.util.List;

/**
 * Human-readable dump of every raw record of a recording, decoded: the queue index, the header fields (type, key and
 * connection, kind, lengths, receive nanos, wall-clock time) and then the packet fields through the live decode
 * path, the text JSON, or the session lines; optionally the raw payload in hex. Like Chronicle's dump tool, but
 * decoded. A tool: it allocates per record.
 * <pre>
 * #81604378624 0x1300000000 SESSION time=2026-01-05T03:45:00.123Z length=231
 *     format=kite-journal
 *     ...
 * #81604378625 0x1300000001 TICK key=alpha(0) conn=0 kind=FULL length=184 recv=123456789 time=2026-...Z
 *     FULL token=408065 ltp=1234.55 ...
 * </pre>
 */
public final class JournalDump
{
    private static final int PRINTED = 0;
    private static final int END = 1;
    private static final int RESUMED = 2;
    private static final int DAMAGED_TO_THE_END = 3;

    private final PrintWriter out;
    private boolean hex;
    private long limit = Long.MAX_VALUE;
    private final TickDecoder decoder = new TickDecoder();
    private final TickEvent event = TickEvent.EVENT_FACTORY.newInstance();
    private final byte[] packet = new byte[TickEvent.RAW_CAPACITY];
    private final UnsafeBuffer packetBuffer = new UnsafeBuffer(packet);
    private final StringBuilder line = new StringBuilder(512);
    private SessionInfo lastSession;
    private long records;
    private int damagesPrinted;

    /**
     * A dump to a writer.
     *
     * @param out to print to.
     */
    public JournalDump(final PrintWriter out)
    {
        this.out = out;
    }

    /**
     * Also print each payload in hex.
     *
     * @param hex true to print the raw bytes.
     * @return this for a fluent API.
     */
    public JournalDump hex(final boolean hex)
    {
        this.hex = hex;
        return this;
    }

    /**
     * Stop after this many records.
     *
     * @param limit records to print.
     * @return this for a fluent API.
     */
    public JournalDump limit(final long limit)
    {
        this.limit = limit;
        return this;
    }

    /**
     * Dump every record of a queue. Damage (bytes that are not documents, a truncated file, documents that are not
     * journal records) is printed where it is found as a {@code !! damaged:} line; the dump goes on past it where
     * the queue's index allows and then throws.
     *
     * @param queue to read.
     * @return records printed.
     * @throws JournalDamagedException after everything readable was printed, if the recording is damaged.
     */
    public long dump(final ChronicleQueue queue)
    {
        final JournalDamageDetector detector = new JournalDamageDetector(queue);
        records = 0;
        damagesPrinted = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            try
            {
                dumpAll(tailer, detector);
            }
            catch (final InternalError ex)
            {
                // a fault in a read of mapped memory, raised late (past the read that caused it)
                detector.onFault(tailer, ex);
                printDamages(detector);
            }
        }
        out.flush();
        if (detector.isDamaged())
        {
            throw detector.exception(String.valueOf(queue.file()));
        }
        return records;
    }

    private void dumpAll(final ExcerptTailer tailer, final JournalDamageDetector detector)
    {
        SessionInfo session = null;
        while (records < limit)
        {
            final int outcome = next(tailer, detector, session);
            printDamages(detector);
            if (END == outcome)
            {
                if (detector.onEnd(tailer))
                {
                    continue;
                }
                printDamages(detector);
                break;
            }
            if (DAMAGED_TO_THE_END == outcome)
            {
                break;
            }
            if (RESUMED != outcome)
            {
                records++;
            }
            session = null != lastSession ? lastSession : session;
        }
    }

    private int next(final ExcerptTailer tailer, final JournalDamageDetector detector, final SessionInfo session)
    {
        lastSession = null;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return END;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long start = bytes.readPosition();
            if (!detector.isInsideFile(tailer, bytes.readLimit()))
            {
                dc.rollbackOnClose();
                return detector.onBeyondFile(tailer, dc.index(), start) ? RESUMED : DAMAGED_TO_THE_END;
            }
            final String malformed = malformedReason(bytes, start);
            if (null != malformed)
            {
                detector.onMalformed(tailer, dc.index(), start, malformed);
            }
            lastSession = dumpRecord(dc.index(), bytes, start, session);
            return PRINTED;
        }
        catch (final Exception | InternalError ex)
        {
            return detector.onFailure(tailer, ex) ? RESUMED : DAMAGED_TO_THE_END;
        }
    }

    private void printDamages(final JournalDamageDetector detector)
    {
        final List<JournalDamage> damages = detector.damages();
        for (int i = damagesPrinted; i < damages.size(); i++)
        {
            out.println("!! damaged: " + damages.get(i));
        }
        damagesPrinted = damages.size();
    }

    private static String malformedReason(final Bytes<?> bytes, final long start)
    {
        final long remaining = bytes.readRemaining();
        if (remaining < JournalRecord.HEADER_LENGTH)
        {
            return "a document too short for a journal record (" + remaining + " bytes)";
        }
        final long word0 = JournalRecord.word0(bytes, start);
        final int type = JournalRecord.type(word0);
        if (type < JournalRecord.TICK || type > JournalRecord.SESSION ||
            JournalRecord.FORMAT_VERSION != JournalRecord.version(word0))
        {
            return "not a journal record (type " + type + ", version " + JournalRecord.version(word0) + ")";
        }
        return null;
    }

    private SessionInfo dumpRecord(final long index, final Bytes<?> bytes, final long start, final SessionInfo session)
    {
        line.setLength(0);
        line.append('#').append(index).append(" 0x").append(Long.toHexString(index)).append(' ');
        final long remaining = bytes.readRemaining();
        if (remaining < JournalRecord.HEADER_LENGTH)
        {
            line.append("MALFORMED document of ").append(remaining).append(" bytes (shorter than a header)");
            out.println(line);
            return null;
        }

        final long word0 = JournalRecord.word0(bytes, start);
        final int type = JournalRecord.type(word0);
        final int keyIndex = JournalRecord.apiKeyIndex(word0);
        final int payloadLength = Math.max(0, Math.min(
            JournalRecord.payloadLength(bytes, start), (int)(remaining - JournalRecord.HEADER_LENGTH)));
        line.append(JournalRecord.typeName(type));
        if (JournalRecord.FORMAT_VERSION != JournalRecord.version(word0))
        {
            line.append(" version=").append(JournalRecord.version(word0));
        }
        SessionInfo newSession = null;
        switch (type)
        {
            case JournalRecord.TICK:
            {
                appendTag(keyIndex, JournalRecord.connectionIndex(word0), session);
                line.append(" kind=").append(PacketKind.name(JournalRecord.kind(word0)))
                    .append(" length=").append(JournalRecord.length(bytes, start));
                if (payloadLength != JournalRecord.length(bytes, start))
                {
                    line.append(" stored=").append(payloadLength);
                }
                appendTimes(bytes, start);
                final int length = Math.min(payloadLength, packet.length);
                bytes.read(start + JournalRecord.HEADER_LENGTH, packet, 0, length);
                event.decodeFrom(decoder.wrap(packetBuffer, 0, length), keyIndex,
                    JournalRecord.connectionIndex(word0), JournalRecord.receiveNanos(bytes, start));
                line.append("\n    ");
                TickPrinter.appendTick(line, event);
                break;
            }
            case JournalRecord.TEXT:
                appendTag(keyIndex, JournalRecord.connectionIndex(word0), session);
                line.append(" type=").append(TextMessageDecoder.typeCodeName(JournalRecord.kind(word0)))
                    .append(" length=").append(payloadLength);
                appendTimes(bytes, start);
                line.append("\n    ").append(Journals.payloadAsString(bytes, start));
                break;
            case JournalRecord.SESSION:
            {
                line.append(" time=").append(SessionInfo.toInstant(JournalRecord.epochNanos(bytes, start)))
                    .append(" length=").append(payloadLength);
                final String text = Journals.payloadAsString(bytes, start);
                for (final String sessionLine : text.split("\n"))
                {
                    line.append("\n    ").append(sessionLine);
                }
                try
                {
                    newSession = SessionInfo.decode(text);
                }
                catch (final RuntimeException ex)
                {
                    line.append("\n    (unreadable session: ").append(ex.getMessage()).append(')');
                }
                break;
            }
            default:
                line.append(" (unknown record type) payload=").append(payloadLength);
                break;
        }
        if (hex)
        {
            line.append("\n    raw: ");
            for (int i = 0; i < payloadLength; i++)
            {
                final int b = bytes.readUnsignedByte(start + JournalRecord.HEADER_LENGTH + i);
                line.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        out.println(line);
        return newSession;
    }

    private void appendTag(final int keyIndex, final int connectionIndex, final SessionInfo session)
    {
        line.append(" key=");
        if (null != session)
        {
            line.append(session.apiKeyId(keyIndex)).append('(').append(keyIndex).append(')');
        }
        else
        {
            line.append(keyIndex);
        }
        line.append(" conn=").append(connectionIndex);
    }

    private void appendTimes(final Bytes<?> bytes, final long start)
    {
        line.append(" recv=").append(JournalRecord.receiveNanos(bytes, start))
            .append(" time=").append(SessionInfo.toInstant(JournalRecord.epochNanos(bytes, start)));
    }
}
