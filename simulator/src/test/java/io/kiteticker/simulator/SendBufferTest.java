package io.kiteticker.simulator;

import io.kiteticker.codec.ws.WebSocketOpcode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendBufferTest
{
    private final SendBuffer sendBuffer = new SendBuffer(128 * 1024, 0);
    private final RecordingTransport transport = new RecordingTransport();

    @Test
    void shouldPutHeadersInFrontOfPayloadsEncodedInPlaceWhenShortOrLong() throws IOException
    {
        queueInPlace(10, (byte)1);
        queueInPlace(300, (byte)2);
        assertThat(sendBuffer.framesSent()).isEqualTo(2);

        assertThat(sendBuffer.flush(transport)).isEqualTo(1);
        assertThat(sendBuffer.isEmpty()).isTrue();
        final List<RecordingTransport.Frame> frames = transport.frames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).payload()).hasSize(10).containsOnly(1);
        assertThat(frames.get(1).payload()).hasSize(300).containsOnly(2);
        assertThat(frames.get(1).opcode()).isEqualTo(WebSocketOpcode.BINARY);
        assertThat(sendBuffer.bytesSent()).isEqualTo(transport.writtenLength()).isEqualTo(2 + 10 + 4 + 300);
    }

    @Test
    void shouldWriteInChunksOnlyForTheSplitMessagesWhenSplitIsScripted() throws IOException
    {
        sendBuffer.splitNextMessages(1, 3);
        sendBuffer.queueFrame(WebSocketOpcode.TEXT, new UnsafeBuffer(new byte[10]), 0, 10);
        assertThat(sendBuffer.isSplitting()).isFalse();
        sendBuffer.flush(transport);
        assertThat(transport.writeLengths()).containsExactly(3, 3, 3, 3);
        assertThat(sendBuffer.writeCalls()).isEqualTo(4);

        sendBuffer.queueFrame(WebSocketOpcode.TEXT, new UnsafeBuffer(new byte[10]), 0, 10);
        sendBuffer.flush(transport);
        assertThat(transport.writeLengths()).hasSize(5).endsWith(12);
        assertThat(transport.frames()).hasSize(2);
    }

    @Test
    void shouldQueueHeartbeatAndRestartIdleTimeWhenFramesAreQueued()
    {
        sendBuffer.nowNs(5_000);
        sendBuffer.queueHeartbeat();
        assertThat(sendBuffer.heartbeatsSent()).isEqualTo(1);
        assertThat(sendBuffer.lastFrameQueuedNs()).isEqualTo(5_000);
        sendBuffer.nowNs(9_000);
        sendBuffer.restartIdleTimer();
        assertThat(sendBuffer.lastFrameQueuedNs()).isEqualTo(9_000);
    }

    private void queueInPlace(final int length, final byte value)
    {
        final int frameOffset = sendBuffer.writePosition();
        final int payloadOffset = SendBuffer.payloadOffset(frameOffset);
        sendBuffer.buffer().setMemory(payloadOffset, length, value);
        sendBuffer.finishFrame(frameOffset, payloadOffset, length, WebSocketOpcode.BINARY);
    }
}
