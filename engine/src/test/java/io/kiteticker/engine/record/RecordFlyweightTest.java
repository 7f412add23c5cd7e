package io.kiteticker.engine.record;

import io.kiteticker.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFlyweightTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final RecordFlyweight record = new RecordFlyweight();

    @Test
    void shouldReadBackEveryFieldItWrote()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        record.wrap(buffer, 8).putHeader(RecordFormat.TEXT, -1, 0xFFFE, 255, 300, 44, 0x0102_0304_0506_0708L);

        assertThat(record.type()).isEqualTo(RecordFormat.TEXT);
        assertThat(record.kind()).isEqualTo(-1);
        assertThat(record.apiKeyIndex()).isEqualTo(0xFFFE);
        assertThat(record.connectionIndex()).isEqualTo(255);
        assertThat(record.wireLength()).isEqualTo(300);
        assertThat(record.payloadLength()).isEqualTo(44);
        assertThat(record.receiveNanos()).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(record.payloadOffset()).isEqualTo(8 + RecordFlyweight.HEADER_LENGTH);
        assertThat(record.recordLength()).isEqualTo(RecordFlyweight.HEADER_LENGTH + 48);
        for (int i = 5; i < 8; i++)
        {
            assertThat(buffer.getByte(8 + i)).as("reserved byte " + i).isZero();
        }

        final long word0 = record.word0();
        assertThat(RecordFlyweight.type(word0)).isEqualTo(RecordFormat.TEXT);
        assertThat(RecordFlyweight.kind(word0)).isEqualTo(-1);
        assertThat(RecordFlyweight.apiKeyIndex(word0)).isEqualTo(0xFFFE);
        assertThat(RecordFlyweight.connectionIndex(word0)).isEqualTo(255);
    }

    @Test
    void shouldStoreTheLayoutLittleEndianAtTheDocumentedOffsets()
    {
        record.wrap(buffer, 0).putHeader(RecordFormat.TICK, 3, 0x0102, 7, 184, 184, 99L);

        assertThat(buffer.getByte(RecordFlyweight.TYPE_OFFSET)).isEqualTo((byte)RecordFormat.TICK);
        assertThat(buffer.getByte(RecordFlyweight.KIND_OFFSET)).isEqualTo((byte)3);
        assertThat(buffer.getByte(RecordFlyweight.API_KEY_INDEX_OFFSET)).isEqualTo((byte)0x02);
        assertThat(buffer.getByte(RecordFlyweight.API_KEY_INDEX_OFFSET + 1)).isEqualTo((byte)0x01);
        assertThat(buffer.getByte(RecordFlyweight.CONNECTION_INDEX_OFFSET)).isEqualTo((byte)7);
        assertThat(buffer.getInt(RecordFlyweight.WIRE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(184);
        assertThat(buffer.getInt(RecordFlyweight.PAYLOAD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(184);
        assertThat(buffer.getLong(RecordFlyweight.RECEIVE_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(99L);
        assertThat(buffer.getLong(0, ByteOrder.LITTLE_ENDIAN))
            .isEqualTo(RecordFlyweight.word0(RecordFormat.TICK, 3, 0x0102, 7));
        assertThat(buffer.getLong(8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(RecordFlyweight.word1(184, 184));
    }

    @Test
    void shouldPadThePayloadWithZerosToTheAlignment()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[] { 1, 2, 3, 4, 5 });
        record.wrap(buffer, 16).putHeader(RecordFormat.TICK, 0, 0, 0, 5, 5, 0).putPayload(payload, 0, 5);

        for (int i = 0; i < 5; i++)
        {
            assertThat(buffer.getByte(record.payloadOffset() + i)).isEqualTo((byte)(i + 1));
        }
        for (int i = 5; i < 8; i++)
        {
            assertThat(buffer.getByte(record.payloadOffset() + i)).as("padding byte " + i).isZero();
        }
        assertThat(buffer.getByte(record.payloadOffset() + 8)).as("past the padding").isEqualTo((byte)0x5A);
        assertThat(record.recordLength()).isEqualTo(RecordFlyweight.HEADER_LENGTH + 8);
    }

    @Test
    void shouldAlignLengthsAndReportANegativePayloadLength()
    {
        assertThat(RecordFormat.align(0)).isZero();
        assertThat(RecordFormat.align(1)).isEqualTo(8);
        assertThat(RecordFormat.align(8)).isEqualTo(8);
        assertThat(RecordFormat.align(44)).isEqualTo(48);
        assertThat(RecordFormat.recordLength(184)).isEqualTo(208);
        record.wrap(buffer, 0).putHeader(RecordFormat.TICK, 0, 0, 0, 0, -4, 0);
        assertThat(record.recordLength()).isEqualTo(-1);
        assertThat(RecordFormat.typeName(RecordFormat.BATCH)).isEqualTo("BATCH");
        assertThat(RecordFormat.typeName(9)).isEqualTo("UNKNOWN(9)");
    }

    @Test
    void shouldAllocateNothingToWriteAndReadARecord()
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[184]);
        final long[] sum = { 0 };
        final long bytes = AllocationMeter.measure(10_000, 100_000, () ->
        {
            record.wrap(buffer, 0).putHeader(RecordFormat.TICK, 3, 1, 2, 184, 184, 5L).putPayload(payload, 0, 184);
            sum[0] += record.wrap(buffer, 0).receiveNanos() + record.payloadLength() + record.apiKeyIndex();
        });
        assertThat(bytes).isZero();
        assertThat(sum[0]).isPositive();
    }
}
