package io.kiteticker.codec.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kiteticker.codec.FuzzSupport;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.kiteticker.codec.FuzzSupport.check;
import static io.kiteticker.codec.frame.KiteMessageDecoder.BAD_LENGTH;
import static io.kiteticker.codec.frame.KiteMessageDecoder.HEARTBEAT;
import static io.kiteticker.codec.frame.KiteMessageDecoder.OK;
import static io.kiteticker.codec.frame.KiteMessageDecoder.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, mutated and coverage-guided messages through validate, iteration and every getter: no exception may
 * escape, every rejection is a code, and the result agrees with a plain reference model of the framing rules.
 * <p>
 * The seeded loop runs a million inputs on every build; the {@link FuzzTest} is jazzer's: its corpus
 * ({@code KiteMessageFuzzTestInputs/<method>/} beside this class in the test resources) runs as ordinary tests,
 * and {@code JAZZER_FUZZ=1} fuzzes it (README "Fuzzing").
 */
class KiteMessageFuzzTest
{
    private static final int[] FUZZ_RESULTS = new int[4];

    private static final long SEED = 0x5EED_C0DEL;
    private static final int ITERATIONS = 1_000_000;
    private static final int MAX_PACKETS = 8;
    private static final int MAX_OFFSET = 16;
    private static final int[] KNOWN_LENGTHS = { 8, 28, 32, 44, 184 };

    private final Random random = new Random(SEED);
    private final byte[] message = new byte[MAX_OFFSET + 2 + MAX_PACKETS * (2 + 300) + 64];
    private final int[] prefixPositions = new int[MAX_PACKETS];
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
    private final KiteMessageDecoder decoder = new KiteMessageDecoder();
    private final int[] referenceCount = new int[1];
    private long checksum;
    private int prefixCount;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReturnCodeAndNeverThrowWhenRandomOrMutatedMessages()
    {
        final int[] results = new int[4];
        int length = 0;
        int offset = 0;
        for (int i = 0; i < ITERATIONS; i++)
        {
            try
            {
                offset = random.nextInt(MAX_OFFSET + 1);
                final int choice = random.nextInt(10);
                if (0 == choice)
                {
                    length = randomBytes(offset);
                }
                else
                {
                    length = wellFormed(offset);
                    if (choice > 3)
                    {
                        length = mutate(offset, length);
                    }
                }

                view.wrap(message, 0, offset + length);
                final int result = decodeEverything(offset, length);
                final int expected = reference(view, offset, length);
                if (expected != result || referenceCount[0] != decoder.packetCount())
                {
                    throw new AssertionError("expected " + expected + "/" + referenceCount[0] + " but was " +
                        result + "/" + decoder.packetCount());
                }
                results[result + 2]++;
            }
            catch (final Throwable ex)
            {
                throw new AssertionError("iteration " + i + " seed " + SEED + " offset " + offset + " message " +
                    BitUtil.toHex(message, offset, length), ex);
            }
        }

        assertThat(results[OK + 2]).isGreaterThan(ITERATIONS / 10);
        assertThat(results[HEARTBEAT + 2]).isGreaterThan(0);
        assertThat(results[TRUNCATED + 2]).isGreaterThan(ITERATIONS / 10);
        assertThat(results[BAD_LENGTH + 2]).isGreaterThan(ITERATIONS / 100);
        assertThat(checksum).isNotZero();
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenMessageFuzzed(final byte[] input)
    {
        view.wrap(input);
        final int result = decodeEverything(0, input.length);
        final int expected = reference(view, 0, input.length);
        if (expected != result || referenceCount[0] != decoder.packetCount())
        {
            throw new AssertionError("expected " + expected + "/" + referenceCount[0] + " but was " +
                result + "/" + decoder.packetCount() + " for " + BitUtil.toHex(input));
        }
        FUZZ_RESULTS[result + 2]++;
    }

    @AfterAll
    static void printFuzzResults()
    {
        FuzzSupport.printCounts("KiteMessageFuzzTest results (BAD_LENGTH, TRUNCATED, OK, HEARTBEAT)", FUZZ_RESULTS);
    }

    private int decodeEverything(final int offset, final int length)
    {
        final int result = decoder.wrap(view, offset, length).validate();
        check(OK == result || HEARTBEAT == result || TRUNCATED == result || BAD_LENGTH == result, "result code");
        check(HEARTBEAT != result || length < 2, "heartbeat only below 2 bytes");

        final int end = offset + length;
        int handedOut = 0;
        int expectedOffset = offset + 2;
        while (decoder.hasNext())
        {
            final TickDecoder tick = decoder.next();
            handedOut++;
            check(tick.offset() == expectedOffset + 2, "packet offset");
            check(tick.length() >= TickDecoder.INSTRUMENT_TOKEN_LENGTH, "packet length");
            check(tick.offset() + tick.length() <= end, "packet inside the message");
            check(tick.kind() == PacketKind.kindForLength(tick.length()), "kind by length");
            expectedOffset = tick.offset() + tick.length();
            readEveryField(tick);
        }
        check(handedOut == decoder.packetCount(), "packets handed out");
        check(OK != result || expectedOffset == end, "OK consumes the whole message");

        return result;
    }

    private void readEveryField(final TickDecoder tick)
    {
        long sum = tick.instrumentToken() + tick.segment() + tick.priceDivisor() + tick.kind() +
            (tick.isIndex() ? 1 : 0) + (tick.isTradable() ? 2 : 0) + (null == tick.mode() ? 0 : tick.mode().code());
        sum += tick.lastPrice() + tick.lastTradedQuantity() + tick.averageTradedPrice() + tick.volumeTraded() +
            tick.totalBuyQuantity() + tick.totalSellQuantity() + tick.open() + tick.high() + tick.low() +
            tick.close() + tick.exchangeChange() + tick.lastTradeTime() + tick.openInterest() +
            tick.openInterestDayHigh() + tick.openInterestDayLow() + tick.exchangeTimestamp() + tick.change();
        double doubles = tick.lastPriceAsDouble() + tick.averageTradedPriceAsDouble() + tick.openAsDouble() +
            tick.highAsDouble() + tick.lowAsDouble() + tick.closeAsDouble() + tick.exchangeChangeAsDouble() +
            tick.changeAsDouble() + tick.changePercent();
        for (int level = -1; level <= TickDecoder.DEPTH_LEVELS; level++)
        {
            sum += tick.bidQuantity(level) + tick.bidPrice(level) + tick.bidOrders(level) +
                tick.askQuantity(level) + tick.askPrice(level) + tick.askOrders(level);
            doubles += tick.bidPriceAsDouble(level) + tick.askPriceAsDouble(level);
        }
        checksum += sum + Double.doubleToRawLongBits(doubles);
    }

    private int randomBytes(final int offset)
    {
        final int length = random.nextInt(8) == 0 ? random.nextInt(2) : random.nextInt(400);
        for (int i = 0; i < length; i++)
        {
            message[offset + i] = (byte)random.nextInt();
        }
        if (length >= 2 && random.nextBoolean())
        {
            message[offset] = 0;
            message[offset + 1] = (byte)random.nextInt(MAX_PACKETS);
        }
        prefixCount = 0;
        return length;
    }

    private int wellFormed(final int offset)
    {
        final int count = random.nextInt(MAX_PACKETS + 1);
        putU16(offset, count);
        int position = offset + 2;
        for (int i = 0; i < count; i++)
        {
            final int packetLength = random.nextInt(5) == 0 ?
                TickDecoder.INSTRUMENT_TOKEN_LENGTH + random.nextInt(297) :
                KNOWN_LENGTHS[random.nextInt(KNOWN_LENGTHS.length)];
            prefixPositions[i] = position;
            putU16(position, packetLength);
            position += 2;
            for (int j = 0; j < packetLength; j++)
            {
                message[position + j] = (byte)random.nextInt();
            }
            position += packetLength;
        }
        prefixCount = count;
        return position - offset;
    }

    private int mutate(final int offset, final int wellFormedLength)
    {
        int length = wellFormedLength;
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.nextInt(7))
            {
                case 0:
                    if (length > 0)
                    {
                        message[offset + random.nextInt(length)] ^= (byte)(1 + random.nextInt(255));
                    }
                    break;

                case 1:
                    if (prefixCount > 0)
                    {
                        final int position = prefixPositions[random.nextInt(prefixCount)];
                        putU16(position, random.nextBoolean() ? random.nextInt(0x10000) : random.nextInt(8));
                    }
                    break;

                case 2:
                    if (prefixCount > 0)
                    {
                        final int position = prefixPositions[random.nextInt(prefixCount)];
                        putU16(position, getU16(position) + random.nextInt(9) - 4);
                    }
                    break;

                case 3:
                    putU16(offset, random.nextBoolean() ? getU16(offset) + random.nextInt(5) - 2 :
                        random.nextInt(0x10000));
                    break;

                case 4:
                    length = random.nextInt(length + 1);
                    break;

                case 5:
                {
                    final int extra = 1 + random.nextInt(Math.min(40, message.length - offset - length));
                    for (int i = 0; i < extra; i++)
                    {
                        message[offset + length + i] = (byte)random.nextInt();
                    }
                    length += extra;
                    break;
                }

                default:
                    if (length > 2)
                    {
                        length -= 1 + random.nextInt(Math.min(length - 2, 8));
                    }
                    break;
            }
        }
        return length;
    }

    private int reference(final DirectBuffer buffer, final int offset, final int length)
    {
        referenceCount[0] = 0;
        if (length < 2)
        {
            return HEARTBEAT;
        }
        final int declared = u16(buffer, offset);
        int position = 2;
        for (int i = 0; i < declared; i++)
        {
            if (position + 2 > length)
            {
                return TRUNCATED;
            }
            final int packetLength = u16(buffer, offset + position);
            if (packetLength < 4)
            {
                return BAD_LENGTH;
            }
            if (position + 2 + packetLength > length)
            {
                return TRUNCATED;
            }
            position += 2 + packetLength;
            referenceCount[0]++;
        }
        return position == length ? OK : BAD_LENGTH;
    }

    private void putU16(final int index, final int value)
    {
        message[index] = (byte)(value >>> 8);
        message[index + 1] = (byte)value;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return ((buffer.getByte(index) & 0xFF) << 8) | (buffer.getByte(index + 1) & 0xFF);
    }

    private int getU16(final int index)
    {
        return ((message[index] & 0xFF) << 8) | (message[index + 1] & 0xFF);
    }
}
