package io.kiteticker.codec.text;

import io.kiteticker.codec.Mode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionRequestEncoderTest
{
    private final SubscriptionRequestEncoder encoder = new SubscriptionRequestEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);

    @Test
    void shouldEncodeSubscribeAsInProtocolDocument()
    {
        final int length = encoder.subscribe(buffer, 0, new int[]{ 408065, 884737 }, 0, 2);

        assertThat(text(0, length)).isEqualTo("{\"a\":\"subscribe\",\"v\":[408065,884737]}");
    }

    @Test
    void shouldEncodeUnsubscribeAsInProtocolDocument()
    {
        final int length = encoder.unsubscribe(buffer, 0, new int[]{ 408065 }, 0, 1);

        assertThat(text(0, length)).isEqualTo("{\"a\":\"unsubscribe\",\"v\":[408065]}");
    }

    @Test
    void shouldEncodeModeAsInProtocolDocument()
    {
        final int length = encoder.mode(buffer, 0, Mode.FULL, new int[]{ 408065 }, 0, 1);

        assertThat(text(0, length)).isEqualTo("{\"a\":\"mode\",\"v\":[\"full\",[408065]]}");
    }

    @Test
    void shouldEncodeEveryModeWireName()
    {
        final int[] tokens = { 1, 2 };

        assertThat(text(0, encoder.mode(buffer, 0, Mode.LTP, tokens, 0, 2)))
            .isEqualTo("{\"a\":\"mode\",\"v\":[\"ltp\",[1,2]]}");
        assertThat(text(0, encoder.mode(buffer, 0, Mode.QUOTE, tokens, 0, 2)))
            .isEqualTo("{\"a\":\"mode\",\"v\":[\"quote\",[1,2]]}");
    }

    @Test
    void shouldEncodeEmptyTokenList()
    {
        assertThat(text(0, encoder.subscribe(buffer, 0, new int[0], 0, 0)))
            .isEqualTo("{\"a\":\"subscribe\",\"v\":[]}");
        assertThat(text(0, encoder.mode(buffer, 0, Mode.LTP, new int[0], 0, 0)))
            .isEqualTo("{\"a\":\"mode\",\"v\":[\"ltp\",[]]}");
    }

    @Test
    void shouldEncodeTokensAsUnsignedWhenAboveIntMax()
    {
        final long big = 3_000_000_001L;
        final int[] tokens = { (int)big, (int)0xFFFF_FFFFL, (int)0x8000_0000L, 0 };

        final int length = encoder.subscribe(buffer, 0, tokens, 0, tokens.length);

        assertThat(text(0, length)).isEqualTo("{\"a\":\"subscribe\",\"v\":[3000000001,4294967295,2147483648,0]}");
    }

    @Test
    void shouldEncodeSliceOfArrayAtOffset()
    {
        final int[] tokens = { 9, 408065, 884737, 9 };

        final int length = encoder.unsubscribe(buffer, 17, tokens, 1, 2);

        assertThat(text(17, length)).isEqualTo("{\"a\":\"unsubscribe\",\"v\":[408065,884737]}");
    }

    @Test
    void shouldEncodeIntArrayListSameAsArray()
    {
        final IntArrayList list = new IntArrayList();
        list.addInt(408065);
        list.addInt((int)4_000_000_000L);

        assertThat(text(0, encoder.subscribe(buffer, 0, list)))
            .isEqualTo("{\"a\":\"subscribe\",\"v\":[408065,4000000000]}");
        assertThat(text(0, encoder.unsubscribe(buffer, 0, list)))
            .isEqualTo("{\"a\":\"unsubscribe\",\"v\":[408065,4000000000]}");
        assertThat(text(0, encoder.mode(buffer, 0, Mode.QUOTE, list)))
            .isEqualTo("{\"a\":\"mode\",\"v\":[\"quote\",[408065,4000000000]]}");
    }

    @Test
    void shouldEncodeThreeThousandTokensWithinMaxLength()
    {
        final int count = 3000;
        final int[] tokens = new int[count];
        final StringBuilder expected = new StringBuilder("{\"a\":\"subscribe\",\"v\":[");
        for (int i = 0; i < count; i++)
        {
            tokens[i] = 0 == (i & 1) ? 408065 + i : (int)(4_294_000_000L + i);
            expected.append(i > 0 ? "," : "").append(Integer.toUnsignedString(tokens[i]));
        }
        expected.append("]}");

        final int length = encoder.subscribe(buffer, 0, tokens, 0, count);

        assertThat(text(0, length)).isEqualTo(expected.toString());
        assertThat(length).isLessThanOrEqualTo(SubscriptionRequestEncoder.maxEncodedLength(count));
        assertThat(encoder.mode(buffer, 0, Mode.QUOTE, tokens, 0, count))
            .isLessThanOrEqualTo(SubscriptionRequestEncoder.maxEncodedLength(count));
        assertThat(encoder.unsubscribe(buffer, 0, tokens, 0, count))
            .isLessThanOrEqualTo(SubscriptionRequestEncoder.maxEncodedLength(count));
    }

    @Test
    void shouldBoundEmptyRequestsByMaxLength()
    {
        assertThat(encoder.mode(buffer, 0, Mode.QUOTE, new int[0], 0, 0))
            .isLessThanOrEqualTo(SubscriptionRequestEncoder.maxEncodedLength(0));
        assertThat(encoder.unsubscribe(buffer, 0, new int[0], 0, 0))
            .isLessThanOrEqualTo(SubscriptionRequestEncoder.maxEncodedLength(0));
    }

    @Test
    void shouldGrowExpandableBuffer()
    {
        final ExpandableArrayBuffer expandable = new ExpandableArrayBuffer(8);

        final int length = encoder.subscribe(expandable, 0, new int[]{ 408065 }, 0, 1);

        assertThat(expandable.getStringWithoutLengthAscii(0, length)).isEqualTo("{\"a\":\"subscribe\",\"v\":[408065]}");
    }

    private String text(final int offset, final int length)
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }
}
