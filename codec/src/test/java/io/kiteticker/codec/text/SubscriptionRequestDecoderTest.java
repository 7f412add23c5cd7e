package io.kiteticker.codec.text;

import io.kiteticker.codec.Mode;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.kiteticker.codec.text.SubscriptionRequestDecoder.BAD_VALUE;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.MALFORMED_JSON;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.MODE;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.NONE;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.OK;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.SUBSCRIBE;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.UNKNOWN_ACTION;
import static io.kiteticker.codec.text.SubscriptionRequestDecoder.UNSUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionRequestDecoderTest
{
    private final SubscriptionRequestEncoder encoder = new SubscriptionRequestEncoder();
    private final SubscriptionRequestDecoder decoder = new SubscriptionRequestDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256 * 1024]);

    @Test
    void shouldDecodeSubscribeFromProtocolDocument()
    {
        assertThat(decode("{\"a\":\"subscribe\",\"v\":[408065,884737]}")).isEqualTo(OK);
        assertThat(decoder.action()).isEqualTo(SUBSCRIBE);
        assertThat(decoder.mode()).isNull();
        assertThat(tokens()).containsExactly(408065L, 884737L);
    }

    @Test
    void shouldDecodeUnsubscribeFromProtocolDocument()
    {
        assertThat(decode("{\"a\":\"unsubscribe\",\"v\":[408065]}")).isEqualTo(OK);
        assertThat(decoder.action()).isEqualTo(UNSUBSCRIBE);
        assertThat(tokens()).containsExactly(408065L);
    }

    @Test
    void shouldDecodeModeFromProtocolDocument()
    {
        assertThat(decode("{\"a\":\"mode\",\"v\":[\"full\",[408065]]}")).isEqualTo(OK);
        assertThat(decoder.action()).isEqualTo(MODE);
        assertThat(decoder.mode()).isEqualTo(Mode.FULL);
        assertThat(tokens()).containsExactly(408065L);
    }

    @Test
    void shouldRoundTripEncoderOutputForEveryActionAndMode()
    {
        final int count = 3000;
        final int[] tokens = new int[count];
        for (int i = 0; i < count; i++)
        {
            tokens[i] = (int)(0 == i % 3 ? 4_294_967_295L - i : 256L * i + 1);
        }

        int length = encoder.subscribe(buffer, 5, tokens, 0, count);
        assertThat(decoder.decode(buffer, 5, length)).isEqualTo(OK);
        assertThat(decoder.action()).isEqualTo(SUBSCRIBE);
        assertThat(decoder.tokens().toIntArray()).containsExactly(tokens);

        length = encoder.unsubscribe(buffer, 0, tokens, 10, 7);
        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(OK);
        assertThat(decoder.action()).isEqualTo(UNSUBSCRIBE);
        assertThat(decoder.tokens().toIntArray()).containsExactly(java.util.Arrays.copyOfRange(tokens, 10, 17));

        for (final Mode mode : Mode.values())
        {
            length = encoder.mode(buffer, 0, mode, tokens, 0, count);
            assertThat(decoder.decode(buffer, 0, length)).isEqualTo(OK);
            assertThat(decoder.action()).isEqualTo(MODE);
            assertThat(decoder.mode()).isEqualTo(mode);
            assertThat(decoder.tokens().toIntArray()).containsExactly(tokens);
        }
    }

    @Test
    void shouldDecodeTokenAboveIntMaxAsUnsigned()
    {
        assertThat(decode("{\"a\":\"subscribe\",\"v\":[2147483648,3000000001,4294967295,0]}")).isEqualTo(OK);
        assertThat(tokens()).containsExactly(2_147_483_648L, 3_000_000_001L, 4_294_967_295L, 0L);
    }

    @Test
    void shouldAcceptAnyKeyOrderWhitespaceAndUnknownKeys()
    {
        assertThat(decode(
            " {\n \"v\" : [ \"quote\" , [ 1 , 2 ] ] ,\t\"x\":{\"y\":[null,true,-1.5e3]}, \"a\" : \"mode\" } "))
            .isEqualTo(OK);
        assertThat(decoder.action()).isEqualTo(MODE);
        assertThat(decoder.mode()).isEqualTo(Mode.QUOTE);
        assertThat(tokens()).containsExactly(1L, 2L);
    }

    @Test
    void shouldAcceptEmptyTokenLists()
    {
        assertThat(decode("{\"a\":\"subscribe\",\"v\":[]}")).isEqualTo(OK);
        assertThat(decoder.tokens().size()).isZero();
        assertThat(decode("{\"a\":\"mode\",\"v\":[\"ltp\",[]]}")).isEqualTo(OK);
        assertThat(decoder.mode()).isEqualTo(Mode.LTP);
    }

    @Test
    void shouldDecodeFromByteArrayWithOffset()
    {
        final byte[] bytes = "xx{\"a\":\"subscribe\",\"v\":[7]}yy".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(bytes, 2, bytes.length - 4)).isEqualTo(OK);
        assertThat(tokens()).containsExactly(7L);
    }

    @Test
    void shouldClearTokensBetweenDecodes()
    {
        decode("{\"a\":\"subscribe\",\"v\":[1,2,3]}");
        assertThat(decode("{\"a\":\"unsubscribe\",\"v\":[4]}")).isEqualTo(OK);
        assertThat(tokens()).containsExactly(4L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"sub\",\"v\":[1]}",
        "{\"a\":\"SUBSCRIBE\",\"v\":[1]}",
        "{\"a\":1,\"v\":[1]}",
        "{\"a\":null,\"v\":[1]}",
        "{\"v\":[1]}",
        "{}",
        "{\"a\":\"subscribe\",\"v\":[1],\"a\":\"ping\"}",
    })
    void shouldReportUnknownActionWhenActionMissingOrNotKnown(final String json)
    {
        assertThat(decode(json)).isEqualTo(UNKNOWN_ACTION);
        assertThat(decoder.action()).isEqualTo(NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"subscribe\"}",
        "{\"a\":\"subscribe\",\"v\":408065}",
        "{\"a\":\"subscribe\",\"v\":null}",
        "{\"a\":\"subscribe\",\"v\":[-1]}",
        "{\"a\":\"subscribe\",\"v\":[4294967296]}",
        "{\"a\":\"subscribe\",\"v\":[99999999999999999999999]}",
        "{\"a\":\"subscribe\",\"v\":[1.5]}",
        "{\"a\":\"subscribe\",\"v\":[1e3]}",
        "{\"a\":\"subscribe\",\"v\":[\"408065\"]}",
        "{\"a\":\"subscribe\",\"v\":[1,[2]]}",
        "{\"a\":\"subscribe\",\"v\":[\"full\",[1]]}",
        "{\"a\":\"mode\",\"v\":[1,2]}",
        "{\"a\":\"mode\",\"v\":[\"fast\",[1]]}",
        "{\"a\":\"mode\",\"v\":[\"FULL\",[1]]}",
        "{\"a\":\"mode\",\"v\":[\"full\"]}",
        "{\"a\":\"mode\",\"v\":[\"full\",1]}",
        "{\"a\":\"mode\",\"v\":[\"full\",[1],2]}",
        "{\"a\":\"mode\",\"v\":[\"full\",[\"x\"]]}",
        "{\"a\":\"mode\",\"v\":[]}",
    })
    void shouldReportBadValueWhenTokensOrModeInvalid(final String json)
    {
        assertThat(decode(json)).isEqualTo(BAD_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        " ",
        "null",
        "[]",
        "\"subscribe\"",
        "{",
        "{\"a\":\"subscribe\",\"v\":[1,2]",
        "{\"a\":\"subscribe\",\"v\":[1,2}",
        "{\"a\":\"subscribe\",\"v\":[1,,2]}",
        "{\"a\":\"subscribe\",\"v\":[1 2]}",
        "{\"a\":\"subscribe\",\"v\":[01]}",
        "{\"a\":\"subscribe\",\"v\":[-]}",
        "{\"a\":\"subscribe\",\"v\":[1x]}",
        "{\"a\":\"subscribe\" \"v\":[1]}",
        "{\"a\" \"subscribe\",\"v\":[1]}",
        "{a:\"subscribe\",\"v\":[1]}",
        "{'a':'subscribe','v':[1]}",
        "{\"a\":\"subscribe,\"v\":[1]}",
        "{\"a\":\"subscribe\",\"v\":[1]}x",
        "{\"a\":\"subscribe\",\"v\":[1]}{}",
        "{\"a\":\"subscribe\",\"v\":[1],}",
        "{\"a\":\"mode\",\"v\":[\"full\",[1]}",
        "{\"a\":\"subscribe\",\"v\":[1],\"x\":tru}",
        "{\"a\":\"subscribe\",\"v\":[1],\"x\":nul}",
    })
    void shouldReportMalformedJsonWhenSyntaxInvalid(final String json)
    {
        assertThat(decode(json)).isEqualTo(MALFORMED_JSON);
    }

    @Test
    void shouldReportMalformedWhenNestingTooDeep()
    {
        final String deep = "[".repeat(100_000);

        assertThat(decode("{\"a\":\"subscribe\",\"x\":" + deep + ",\"v\":[1]}")).isEqualTo(MALFORMED_JSON);
    }

    @Test
    void shouldReportMalformedWhenLongerThanMaximum()
    {
        final SubscriptionRequestDecoder small = new SubscriptionRequestDecoder(16, 4);
        final byte[] bytes = "{\"a\":\"subscribe\",\"v\":[1]}".getBytes(StandardCharsets.US_ASCII);

        assertThat(small.decode(bytes, 0, bytes.length)).isEqualTo(MALFORMED_JSON);
    }

    @Test
    void shouldReportMalformedWhenRangeOutsideBuffer()
    {
        assertThat(decoder.decode(new UnsafeBuffer(new byte[8]), 4, 8)).isEqualTo(MALFORMED_JSON);
        assertThat(decoder.decode(new byte[8], -1, 2)).isEqualTo(MALFORMED_JSON);
        assertThat(decoder.decode((byte[])null, 0, 2)).isEqualTo(MALFORMED_JSON);
    }

    @Test
    void shouldNameActions()
    {
        assertThat(SubscriptionRequestDecoder.actionName(SUBSCRIBE)).isEqualTo("subscribe");
        assertThat(SubscriptionRequestDecoder.actionName(UNSUBSCRIBE)).isEqualTo("unsubscribe");
        assertThat(SubscriptionRequestDecoder.actionName(MODE)).isEqualTo("mode");
        assertThat(SubscriptionRequestDecoder.actionName(NONE)).isEqualTo("none");
    }

    private int decode(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(3, bytes);
        return decoder.decode(buffer, 3, bytes.length);
    }

    private long[] tokens()
    {
        final IntArrayList list = decoder.tokens();
        final long[] result = new long[list.size()];
        for (int i = 0; i < result.length; i++)
        {
            result[i] = Integer.toUnsignedLong(list.getInt(i));
        }
        return result;
    }
}
