package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test handler recording every callback as a readable event, with a scriptable refusal of messages.
 */
class RecordingMessageHandler implements WebSocketMessageHandler
{
    final List<String> events = new ArrayList<>();
    final List<byte[]> messages = new ArrayList<>();
    final List<Integer> opcodes = new ArrayList<>();
    int refuseCount;
    int refusals;

    @Override
    public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
    {
        if (refuseCount > 0)
        {
            refuseCount--;
            refusals++;
            return false;
        }
        final byte[] bytes = copy(buffer, offset, length);
        messages.add(bytes);
        opcodes.add(opcode);
        events.add((WebSocketOpcode.TEXT == opcode ? "text:" : "binary:") +
            (WebSocketOpcode.TEXT == opcode ? new String(bytes, StandardCharsets.UTF_8) : Integer.toString(length)));
        return true;
    }

    @Override
    public void onPing(final DirectBuffer buffer, final int offset, final int length)
    {
        events.add("ping:" + new String(copy(buffer, offset, length), StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        events.add("pong:" + new String(copy(buffer, offset, length), StandardCharsets.UTF_8));
    }

    @Override
    public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
    {
        events.add("close:" + code + ":" +
            new String(copy(buffer, reasonOffset, reasonLength), StandardCharsets.UTF_8));
    }

    static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
