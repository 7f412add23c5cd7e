package io.kiteticker.codec.ws;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Emulates the engine's receive path in tests: bytes are appended as if read from a socket, decoded from the
 * front, and the unconsumed tail is compacted to the start (Artio's moveRemainingDataToBufferStart).
 */
final class ReceiveBuffer
{
    final UnsafeBuffer buffer;
    int limit;
    int lastResult;

    ReceiveBuffer(final int capacity)
    {
        buffer = new UnsafeBuffer(new byte[capacity]);
    }

    ReceiveBuffer append(final byte[] bytes, final int offset, final int length)
    {
        buffer.putBytes(limit, bytes, offset, length);
        limit += length;
        return this;
    }

    ReceiveBuffer append(final byte[] bytes)
    {
        return append(bytes, 0, bytes.length);
    }

    /**
     * Decode once and compact.
     *
     * @return the decoder's result.
     */
    int decode(final WebSocketFrameDecoder decoder, final WebSocketMessageHandler handler)
    {
        final int result = decoder.decode(buffer, 0, limit, handler);
        lastResult = result;
        if (result > 0)
        {
            buffer.putBytes(0, buffer, result, limit - result);
            limit -= result;
        }
        return result;
    }

    byte[] unconsumed()
    {
        final byte[] bytes = new byte[limit];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
