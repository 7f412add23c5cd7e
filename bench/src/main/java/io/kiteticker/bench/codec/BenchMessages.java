package io.kiteticker.bench.codec;

import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The message bytes both benchmarks decode: the official mock quote and full packets (KITE_PROTOCOL.md §15) each
 * alone in a message, and a 250-packet full-mode message built from deterministic values.
 */
final class BenchMessages
{
    /**
     * Number of packets in the large full-mode message.
     */
    static final int LARGE_MESSAGE_PACKETS = 250;

    static final String QUOTE_HEX = "00063a01" + "00026683" + "00000001" + "00026569" + "0011f1b2" +
        "0003e9ff" + "00058037" + "000264f3" + "0002673c" + "000261c9" + "0002646c";

    static final String FULL_HEX =
        "00063a01000266ba000000070002656d001232170003e9bb00058a01000264f30002673c000261c90002646c60e2947f" +
        "00000000000000000000000060e2947f000000050002669c000100000000008c0002667400020000000000020002666f" +
        "00010000000000db0002666a00070000000000320002666500010000000000ac000266ba000300000000002c000266bf" +
        "000300000000012e000266c9000300000000008d000266ce00020000000002d4000266d300050000";

    private BenchMessages()
    {
    }

    /**
     * A message of one packet copied from hex.
     *
     * @param packetHex body of the packet.
     * @return the message bytes.
     */
    static byte[] singlePacketMessage(final String packetHex)
    {
        final UnsafeBuffer packet = new UnsafeBuffer(fromHex(packetHex));
        final UnsafeBuffer message = new UnsafeBuffer(new byte[2 + 2 + packet.capacity()]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(message, 0);
        encoder.addPacket(packet, 0, packet.capacity());

        return Arrays.copyOf(message.byteArray(), encoder.encodedLength());
    }

    /**
     * A full-mode message of {@code packets} NSE full packets with varying tokens, prices and depth.
     *
     * @param packets number of packets.
     * @return the message bytes.
     */
    static byte[] fullModeMessage(final int packets)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[2 + packets * (2 + PacketKind.FULL_LENGTH)]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(message, 0);
        for (int i = 0; i < packets; i++)
        {
            final int lastPrice = 157_370 + i * 5;
            final TickEncoder tick = encoder.addPacket(PacketKind.FULL)
                .instrumentToken(((1_594 + i) << 8) | Segment.NSE)
                .lastPrice(lastPrice).lastTradedQuantity(1 + i).averageTradedPrice(lastPrice - 33)
                .volumeTraded(1_192_471L + i).totalBuyQuantity(256_443L + i).totalSellQuantity(363_009L + i)
                .open(lastPrice - 455).high(lastPrice + 130).low(lastPrice - 1_265).close(lastPrice - 590)
                .lastTradeTime(1_625_461_887L + i).openInterest(i).openInterestDayHigh(2L * i)
                .openInterestDayLow(i / 2).exchangeTimestamp(1_625_461_887L + i);
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                tick.bid(level, 5 + level * 7L, lastPrice - 5 * (level + 1), 1 + level)
                    .ask(level, 172 + level * 11L, lastPrice + 5 * level, 3 + level);
            }
        }

        return Arrays.copyOf(message.byteArray(), encoder.encodedLength());
    }

    static byte[] fromHex(final String hex)
    {
        final byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
