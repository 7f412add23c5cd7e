package io.kiteticker.codec.ws;

/**
 * Chunk sizes for the fuzz targets that feed a stream as a socket would: byte 0 of a fuzz input is the control;
 * {@code 0} feeds the rest in one chunk, any other value seeds a small xorshift that cuts chunks of 1 to 64 bytes,
 * so the fuzzer mutates the split as it mutates the bytes.
 */
final class FuzzChunks
{
    private static final int MAX_CHUNK_MASK = 0x3F;

    private int control;
    private int state;

    FuzzChunks start(final int control)
    {
        this.control = control;
        state = control | 0x100;
        return this;
    }

    int next(final int remaining)
    {
        if (0 == control)
        {
            return remaining;
        }
        state ^= state << 7;
        state ^= state >>> 9;
        state ^= state << 8;
        return Math.min(remaining, 1 + ((state >>> 3) & MAX_CHUNK_MASK));
    }
}
