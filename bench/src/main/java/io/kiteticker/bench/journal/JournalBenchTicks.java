package io.kiteticker.bench.journal;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.engine.ring.TickEvent;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Fixtures shared by the journal benchmarks: a fully populated tick of a kind, decoded into a ring slot exactly as
 * the engine does, and temporary directory handling.
 */
final class JournalBenchTicks
{
    private JournalBenchTicks()
    {
    }

    static TickEvent tick(final int kind)
    {
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[PacketKind.MAX_LENGTH]);
        final TickEncoder encoder = new TickEncoder().wrap(packet, 0, kind)
            .instrumentToken((408065 << 8) | 1)
            .lastPrice(1_234_55);
        if (PacketKind.LTP != kind)
        {
            encoder.open(1_230_00).high(1_240_00).low(1_220_00).close(1_233_00);
        }
        if (PacketKind.QUOTE == kind || PacketKind.FULL == kind)
        {
            encoder.lastTradedQuantity(25).averageTradedPrice(1_233_10).volumeTraded(1_234_567)
                .totalBuyQuantity(50_000).totalSellQuantity(45_000);
        }
        if (PacketKind.FULL == kind)
        {
            encoder.lastTradeTime(1_767_584_700L).openInterest(10).openInterestDayHigh(20).openInterestDayLow(5)
                .exchangeTimestamp(1_767_584_700L);
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++)
            {
                encoder.bid(level, 100 + level, 1_234_50 - level * 5, level + 1);
                encoder.ask(level, 200 + level, 1_234_60 + level * 5, level + 1);
            }
        }
        final TickEvent event = TickEvent.EVENT_FACTORY.newInstance();
        event.decodeFrom(new TickDecoder().wrap(packet, 0, encoder.encodedLength()), 0, 1, System.nanoTime());
        return event;
    }

    static void delete(final Path directory) throws IOException
    {
        if (null == directory || !Files.exists(directory))
        {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>()
        {
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
            {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            public FileVisitResult postVisitDirectory(final Path dir, final IOException exc) throws IOException
            {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
