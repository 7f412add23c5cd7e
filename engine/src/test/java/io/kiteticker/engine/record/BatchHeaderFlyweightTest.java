package io.kiteticker.engine.record;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class BatchHeaderFlyweightTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
    private final BatchHeaderFlyweight header = new BatchHeaderFlyweight();

    @Test
    void shouldWriteAWholeHeaderAndReadEveryFieldBack()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        header.wrap(buffer, 8).putHeader(64, 0xCAFE_BABE_1234_5678L, 1_000_000_007L, 1_767_584_700_000_000_000L);

        assertThat(header.type()).isEqualTo(RecordFormat.BATCH);
        assertThat(header.version()).isEqualTo(RecordFormat.VERSION);
        assertThat(header.headerLength()).isEqualTo(BatchHeaderFlyweight.HEADER_LENGTH);
        assertThat(buffer.getByte(8 + BatchHeaderFlyweight.RESERVED_OFFSET)).isZero();
        assertThat(header.recordCount()).isEqualTo(64);
        assertThat(header.sessionId()).isEqualTo(0xCAFE_BABE_1234_5678L);
        assertThat(header.firstSequence()).isEqualTo(1_000_000_007L);
        assertThat(header.epochNanos()).isEqualTo(1_767_584_700_000_000_000L);
        assertThat(buffer.getByte(7)).as("before the header").isEqualTo((byte)0x5A);
        assertThat(buffer.getByte(8 + BatchHeaderFlyweight.HEADER_LENGTH)).as("after it").isEqualTo((byte)0x5A);
    }

    @Test
    void shouldStoreTheLayoutLittleEndianAtTheDocumentedOffsets()
    {
        header.wrap(buffer, 0).putHeader(3, 11L, 22L, 33L);

        assertThat(buffer.getByte(BatchHeaderFlyweight.TYPE_OFFSET)).isEqualTo((byte)RecordFormat.BATCH);
        assertThat(buffer.getByte(BatchHeaderFlyweight.VERSION_OFFSET)).isEqualTo((byte)RecordFormat.VERSION);
        assertThat(buffer.getByte(BatchHeaderFlyweight.HEADER_LENGTH_OFFSET)).isEqualTo((byte)32);
        assertThat(buffer.getInt(BatchHeaderFlyweight.RECORD_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(3);
        assertThat(buffer.getLong(BatchHeaderFlyweight.SESSION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(11L);
        assertThat(buffer.getLong(BatchHeaderFlyweight.FIRST_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN))
            .isEqualTo(22L);
        assertThat(buffer.getLong(BatchHeaderFlyweight.EPOCH_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(33L);
        assertThat(buffer.getLong(0, ByteOrder.LITTLE_ENDIAN)).isEqualTo(BatchHeaderFlyweight.word0(3));
    }

    @Test
    void shouldPatchSingleFieldsInPlace()
    {
        header.wrap(buffer, 0).putHeader(0, 1L, 0L, 2L);
        header.recordCount(17).firstSequence(400L).sessionId(5L).epochNanos(6L);

        assertThat(header.recordCount()).isEqualTo(17);
        assertThat(header.firstSequence()).isEqualTo(400L);
        assertThat(header.sessionId()).isEqualTo(5L);
        assertThat(header.epochNanos()).isEqualTo(6L);
        assertThat(header.type()).isEqualTo(RecordFormat.BATCH);
        assertThat(header.toString()).contains("recordCount=17", "firstSequence=400");
    }
}
