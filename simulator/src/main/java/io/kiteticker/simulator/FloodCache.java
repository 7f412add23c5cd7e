package io.kiteticker.simulator;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * The frames of one pass over a connection's subscription, captured as they are first sent and then re-sent in a
 * cycle ({@link SendMode#FLOOD_CACHED}): encoding a tick costs the simulator more than writing it, so a cached flood
 * can outrun a client on the same machine. Growing happens while capturing; replay copies and allocates nothing.
 */
final class FloodCache
{
    private static final int INITIAL_FRAMES = 16;

    private final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(64 * 1024);
    private int[] frameOffsets = new int[INITIAL_FRAMES];
    private int[] frameLengths = new int[INITIAL_FRAMES];
    private int[] framePackets = new int[INITIAL_FRAMES];
    private int frameCount;
    private int capturedBytes;
    private long capturedPackets;
    private long targetPackets;
    private int cursor;
    private boolean isCapturing;
    private boolean isComplete;

    /**
     * Forget the frames: the subscription changed.
     */
    void invalidate()
    {
        frameCount = 0;
        capturedBytes = 0;
        capturedPackets = 0;
        cursor = 0;
        isCapturing = false;
        isComplete = false;
    }

    /**
     * Are the frames of a whole pass captured, ready to be re-sent.
     *
     * @return true once complete.
     */
    boolean isComplete()
    {
        return isComplete;
    }

    /**
     * Is a capture under way.
     *
     * @return true between {@link #startCapture(int)} and completion or invalidation.
     */
    boolean isCapturing()
    {
        return isCapturing;
    }

    /**
     * Start capturing a pass of at least {@code packets} ticks.
     *
     * @param packets the subscription's size.
     */
    void startCapture(final int packets)
    {
        invalidate();
        targetPackets = Math.max(1, packets);
        isCapturing = true;
    }

    /**
     * Keep a copy of one complete frame just queued.
     *
     * @param buffer  holding the frame.
     * @param offset  of its first header byte.
     * @param length  of header and payload.
     * @param packets ticks in it.
     */
    void capture(final DirectBuffer buffer, final int offset, final int length, final int packets)
    {
        if (!isCapturing || packets <= 0)
        {
            return;
        }
        if (frameCount == frameOffsets.length)
        {
            final int newLength = frameCount * 2;
            frameOffsets = Arrays.copyOf(frameOffsets, newLength);
            frameLengths = Arrays.copyOf(frameLengths, newLength);
            framePackets = Arrays.copyOf(framePackets, newLength);
        }
        frames.putBytes(capturedBytes, buffer, offset, length);
        frameOffsets[frameCount] = capturedBytes;
        frameLengths[frameCount] = length;
        framePackets[frameCount] = packets;
        frameCount++;
        capturedBytes += length;
        capturedPackets += packets;
        if (capturedPackets >= targetPackets)
        {
            isCapturing = false;
            isComplete = true;
        }
    }

    /**
     * Length of the frame {@link #copyNextFrame(MutableDirectBuffer, int)} copies next.
     *
     * @return bytes.
     */
    int nextFrameLength()
    {
        return frameLengths[cursor];
    }

    /**
     * Copy the next frame of the cycle.
     *
     * @param destination to copy into.
     * @param offset      in the destination.
     * @return ticks in the frame.
     */
    int copyNextFrame(final MutableDirectBuffer destination, final int offset)
    {
        final int frame = cursor;
        destination.putBytes(offset, frames, frameOffsets[frame], frameLengths[frame]);
        cursor = frame + 1 == frameCount ? 0 : frame + 1;
        return framePackets[frame];
    }

    /**
     * Frames in a pass.
     *
     * @return frame count.
     */
    int frameCount()
    {
        return frameCount;
    }
}
