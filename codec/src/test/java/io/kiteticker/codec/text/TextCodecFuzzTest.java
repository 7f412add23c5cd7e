package io.kiteticker.codec.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kiteticker.codec.FuzzSupport;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static io.kiteticker.codec.FuzzSupport.check;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, mutated and coverage-guided JSON through {@link TextMessageDecoder} (server to client) and
 * {@link SubscriptionRequestDecoder} (client to server, the simulator's side): no exception may escape, every
 * rejection is a code, every accessor answers afterwards, and the {@code byte[]} and buffer forms agree.
 * <p>
 * The seeded loop runs a million inputs on every build; the {@link FuzzTest}s are jazzer's: their corpus
 * ({@code TextCodecFuzzTestInputs/<method>/} beside this class in the test resources) runs as ordinary tests, and
 * {@code JAZZER_FUZZ=1} fuzzes one (README "Fuzzing").
 */
class TextCodecFuzzTest
{
    private static final int[] TEXT_RESULTS = new int[TextMessageDecoder.MESSAGE + 2];
    private static final int[] REQUEST_RESULTS = new int[1 - SubscriptionRequestDecoder.BAD_VALUE];

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

    private final TextMessageDecoder fuzzTextDecoder = new TextMessageDecoder();
    private final SubscriptionRequestDecoder fuzzRequestDecoder = new SubscriptionRequestDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
    private final StringBuilder first = new StringBuilder();
    private final StringBuilder second = new StringBuilder();

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenTextMessageFuzzed(final byte[] input)
    {
        view.wrap(input);
        final int type = fuzzTextDecoder.decode(view, 0, input.length);
        readText(type, input.length, first);
        check(type == fuzzTextDecoder.decode(input, 0, input.length), "byte[] form agrees");
        readText(type, input.length, second);
        check(first.toString().contentEquals(second), "byte[] form decodes the same");
        TEXT_RESULTS[type + 1]++;
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenSubscriptionRequestFuzzed(final byte[] input)
    {
        view.wrap(input);
        final int result = fuzzRequestDecoder.decode(view, 0, input.length);
        readRequest(result, first);
        check(result == fuzzRequestDecoder.decode(input, 0, input.length), "byte[] form agrees");
        readRequest(result, second);
        check(first.toString().contentEquals(second), "byte[] form decodes the same");
        REQUEST_RESULTS[-result]++;
    }

    @AfterAll
    static void printFuzzResults()
    {
        FuzzSupport.printCounts("text message results (MALFORMED, -, ORDER, ERROR, MESSAGE)", TEXT_RESULTS);
        FuzzSupport.printCounts("subscription request results (OK, MALFORMED_JSON, UNKNOWN_ACTION, BAD_VALUE)",
            REQUEST_RESULTS);
    }

    private void readText(final int type, final int length, final StringBuilder builder)
    {
        final TextMessageDecoder decoder = fuzzTextDecoder;
        check(TextMessageDecoder.MALFORMED == type || TextMessageDecoder.ORDER == type ||
            TextMessageDecoder.ERROR == type || TextMessageDecoder.MESSAGE == type, "type code");
        check(type == decoder.type(), "type() is the result");
        builder.setLength(0);
        builder.append(TextMessageDecoder.typeCodeName(type)).append(decoder.typeName()).append('|')
            .append(decoder.errorMessage()).append('|');
        decoder.order().appendTo(builder).append('|');
        if (decoder.hasData())
        {
            check(decoder.dataOffset() >= 0 && decoder.dataOffset() + decoder.dataLength() <= length, "data inside");
            decoder.appendData(builder);
        }
    }

    private void readRequest(final int result, final StringBuilder builder)
    {
        final SubscriptionRequestDecoder decoder = fuzzRequestDecoder;
        check(result <= SubscriptionRequestDecoder.OK && result >= SubscriptionRequestDecoder.BAD_VALUE, "code");
        final int action = decoder.action();
        check(SubscriptionRequestDecoder.OK != result || SubscriptionRequestDecoder.NONE != action, "OK has action");
        check(SubscriptionRequestDecoder.OK != result || SubscriptionRequestDecoder.MODE != action ||
            null != decoder.mode(), "OK mode has a mode");
        builder.setLength(0);
        builder.append(SubscriptionRequestDecoder.actionName(action)).append(decoder.mode());
        final IntArrayList tokens = decoder.tokens();
        for (int i = 0, size = tokens.size(); i < size; i++)
        {
            builder.append(',').append(tokens.getInt(i));
        }
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
