package io.kiteticker.simulator;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.market.Universe;
import io.kiteticker.simulator.script.Malformation;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScriptTest
{
    private final SendBuffer sendBuffer = new SendBuffer(128 * 1024, 0);
    private final SubscriptionBook book =
        new SubscriptionBook(new MarketModel(1, Universe.standard()), 10, InstrumentLimitPolicy.IGNORE);
    private final FaultScript faults = new FaultScript(sendBuffer, book);
    private final RecordingTransport transport = new RecordingTransport();

    @Test
    void shouldQueueMessagesTheClientRejectsWhenMalformed() throws IOException
    {
        faults.queueMalformed(Malformation.TRUNCATED_KITE_MESSAGE);
        faults.queueMalformed(Malformation.UNKNOWN_PACKET_LENGTH);
        faults.queueMalformed(Malformation.INVALID_JSON_TEXT);
        sendBuffer.flush(transport);

        final List<RecordingTransport.Frame> frames = transport.frames();
        assertThat(frames).hasSize(3);
        assertThat(validate(frames.get(0))).isEqualTo(KiteMessageDecoder.TRUNCATED);
        final KiteMessageDecoder unknown = decoder(frames.get(1));
        assertThat(unknown.validate()).isEqualTo(KiteMessageDecoder.OK);
        assertThat(unknown.next().instrumentToken()).isEqualTo(FaultScript.DEFAULT_TOKEN);
        assertThat(frames.get(2).opcode()).isEqualTo(WebSocketOpcode.TEXT);
        assertThat(new String(frames.get(2).payload(), StandardCharsets.US_ASCII)).startsWith("{\"type\":\"order\"")
            .doesNotEndWith("}");
        assertThat(sendBuffer.framesSent()).isEqualTo(3);
    }

    @Test
    void shouldQueueAFrameHeaderWithReservedBitsWhenBadWebSocketHeader() throws IOException
    {
        faults.queueMalformed(Malformation.BAD_WEBSOCKET_HEADER);
        sendBuffer.flush(transport);

        final int[] error = new int[1];
        assertThat(transport.frames(error)).isEmpty();
        assertThat(error[0]).as("the client's decoder refuses it").isNegative();
        assertThat(sendBuffer.framesSent()).isEqualTo(1);
    }

    @Test
    void shouldHoldStallAndPausedReadingUntilResumed()
    {
        faults.stall();
        faults.pauseReading();
        assertThat(faults.isStalled()).isTrue();
        assertThat(faults.isReadingPaused()).isTrue();
        faults.resume();
        faults.resumeReading();
        assertThat(faults.isStalled()).isFalse();
        assertThat(faults.isReadingPaused()).isFalse();
    }

    @Test
    void shouldSplitTheNextMessagesWhenScripted()
    {
        faults.splitNextMessages(2, 7);
        assertThat(sendBuffer.isSplitting()).isTrue();
        sendBuffer.queueHeartbeat();
        sendBuffer.queueHeartbeat();
        assertThat(sendBuffer.isSplitting()).isFalse();
    }

    private static int validate(final RecordingTransport.Frame frame)
    {
        return decoder(frame).validate();
    }

    private static KiteMessageDecoder decoder(final RecordingTransport.Frame frame)
    {
        return new KiteMessageDecoder().wrap(new UnsafeBuffer(frame.payload()), 0, frame.payload().length);
    }
}
