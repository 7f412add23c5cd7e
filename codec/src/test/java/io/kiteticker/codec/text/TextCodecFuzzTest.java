package io.kiteticker.codec.text;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TextCodecFuzzTest
{
    private static final long SEED = 0x4B495445L;
    private static final int ITERATIONS = 1_000_000;
    private static final int MAX_INPUT_LENGTH = 512;
    private static final byte[] ALPHABET =
        "{}[]\":,  \t\n0123456789-+.eEnultrfas\\u\"\"\"vtypedaorx{}[]\u00e9".getBytes(StandardCharsets.UTF_8);
    private static final String[] SEEDS =
    {
        "{\"a\":\"subscribe\",\"v\":[408065,884737]}",
        "{\"a\":\"unsubscribe\",\"v\":[408065]}",
        "{\"a\":\"mode\",\"v\":[\"full\",[408065,4294967295]]}",
        "{\"a\":\"mode\",\"v\":[\"ltp\",[]]}",
        "{\"type\":\"error\",\"data\":\"Invalid \\\"access\\\" token \\u20b9\"}",
        "{\"type\":\"error\",\"data\":{\"code\":403}}",
        "{\"type\":\"message\",\"data\":{\"text\":\"hi\",\"n\":[1,-2.5e3,true,false,null]}}",
        "{\"data\":\"late type\",\"type\":\"error\"}",
        "{\"type\":\"order\",\"data\":{\"user_id\":\"AB1234\",\"app_id\":1234,\"order_id\":\"220303000308932\"," +
            "\"status\":\"TRIGGER PENDING\",\"order_timestamp\":null,\"tradingsymbol\":\"SBIN\"," +
            "\"instrument_token\":779521,\"quantity\":1,\"price\":470.05,\"average_price\":0," +
            "\"meta\":{},\"tag\":null}}",
        "{\"data\":{\"status\":\"OPEN\",\"quantity\":5,\"trigger_price\":1e2},\"type\":\"order\"}",
    };

    @Test
    @Timeout(60)
    void shouldNeverThrowWhenInputRandomOrMutated()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final byte[][] seeds = new byte[SEEDS.length][];
        for (int i = 0; i < SEEDS.length; i++)
        {
            seeds[i] = SEEDS[i].getBytes(StandardCharsets.UTF_8);
        }
        final byte[] input = new byte[MAX_INPUT_LENGTH + 16];
        final UnsafeBuffer buffer = new UnsafeBuffer(input);
        final TextMessageDecoder textDecoder = new TextMessageDecoder();
        final SubscriptionRequestDecoder requestDecoder = new SubscriptionRequestDecoder();
        final int[] textResults = new int[5];
        final int[] requestResults = new int[5];

        for (int iteration = 0; iteration < ITERATIONS; iteration++)
        {
            final int length = 0 == (iteration & 3) ?
                randomInput(random, input) : mutatedInput(random, seeds[random.nextInt(seeds.length)], input);

            final int textType = 0 == (iteration & 1) ?
                textDecoder.decode(buffer, 0, length) : textDecoder.decode(input, 0, length);
            final int requestResult = 0 == (iteration & 1) ?
                requestDecoder.decode(input, 0, length) : requestDecoder.decode(buffer, 0, length);

            textResults[textType + 1]++;
            requestResults[-requestResult]++;
            if (TextMessageDecoder.MESSAGE == textType && textDecoder.hasData())
            {
                assertThat(textDecoder.dataOffset() + textDecoder.dataLength()).isLessThanOrEqualTo(length);
            }
        }

        assertThat(textResults[0] + textResults[2] + textResults[3] + textResults[4]).isEqualTo(ITERATIONS);
        assertThat(textResults[TextMessageDecoder.ORDER + 1]).isPositive();
        assertThat(textResults[TextMessageDecoder.ERROR + 1]).isPositive();
        assertThat(textResults[TextMessageDecoder.MESSAGE + 1]).isPositive();
        assertThat(textResults[0]).isPositive();
        assertThat(requestResults[0]).isPositive();
        assertThat(requestResults[-SubscriptionRequestDecoder.MALFORMED_JSON]).isPositive();
        assertThat(requestResults[-SubscriptionRequestDecoder.BAD_VALUE]).isPositive();
        assertThat(requestResults[-SubscriptionRequestDecoder.UNKNOWN_ACTION]).isPositive();
    }

    private static int randomInput(final SplittableRandom random, final byte[] input)
    {
        final int length = random.nextInt(48);
        final boolean anyByte = random.nextInt(4) == 0;
        for (int i = 0; i < length; i++)
        {
            input[i] = anyByte ? (byte)random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return length;
    }

    private static int mutatedInput(final SplittableRandom random, final byte[] seed, final byte[] input)
    {
        System.arraycopy(seed, 0, input, 0, seed.length);
        int length = seed.length;
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++)
        {
            final int position = length > 0 ? random.nextInt(length) : 0;
            switch (random.nextInt(6))
            {
                case 0:
                    if (length > 0)
                    {
                        input[position] = ALPHABET[random.nextInt(ALPHABET.length)];
                    }
                    break;

                case 1:
                    if (length > 0)
                    {
                        input[position] = (byte)random.nextInt(256);
                    }
                    break;

                case 2:
                    if (length < MAX_INPUT_LENGTH)
                    {
                        System.arraycopy(input, position, input, position + 1, length - position);
                        input[position] = ALPHABET[random.nextInt(ALPHABET.length)];
                        length++;
                    }
                    break;

                case 3:
                    if (length > 0)
                    {
                        System.arraycopy(input, position + 1, input, position, length - position - 1);
                        length--;
                    }
                    break;

                case 4:
                    length = position;
                    break;

                default:
                    if (length > 0)
                    {
                        final int from = random.nextInt(length);
                        final int span = Math.min(1 + random.nextInt(8), Math.min(length - from,
                            MAX_INPUT_LENGTH - length));
                        System.arraycopy(input, position, input, position + span, length - position);
                        System.arraycopy(input, from < position ? from : from + span, input, position, span);
                        length += span;
                    }
                    break;
            }
        }
        return length;
    }
}
