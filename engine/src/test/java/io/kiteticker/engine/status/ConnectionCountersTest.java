package io.kiteticker.engine.status;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCountersTest
{
    @Test
    void shouldWriteEachUpdateAtItsCountersOffsetInTheValuesBuffer()
    {
        try (EngineStatus status = EngineStatus.inMemory())
        {
            final ConnectionCounters counters = status.newConnectionCounters(2, 3, "acc");
            final CountersReader reader = status.countersManager();

            counters.increment(KiteCounterDescriptor.FRAMES);
            counters.increment(KiteCounterDescriptor.FRAMES);
            counters.add(KiteCounterDescriptor.PACKETS, 200);
            counters.set(KiteCounterDescriptor.STATE, 5);
            counters.proposeMax(KiteCounterDescriptor.MAX_CYCLE_NS, 70);
            counters.proposeMax(KiteCounterDescriptor.MAX_CYCLE_NS, 40);
            counters.incrementAtomic(KiteCounterDescriptor.COMMAND_QUEUE_FULL);

            assertThat(reader.getCounterValue(counters.counterId(KiteCounterDescriptor.FRAMES))).isEqualTo(2);
            assertThat(reader.getCounterValue(counters.counterId(KiteCounterDescriptor.PACKETS))).isEqualTo(200);
            assertThat(reader.getCounterValue(counters.counterId(KiteCounterDescriptor.STATE))).isEqualTo(5);
            assertThat(reader.getCounterValue(counters.counterId(KiteCounterDescriptor.MAX_CYCLE_NS))).isEqualTo(70);
            assertThat(counters.get(KiteCounterDescriptor.COMMAND_QUEUE_FULL)).isEqualTo(1);
            assertThat(reader.getCounterTypeId(counters.counterId(KiteCounterDescriptor.PACKETS)))
                .isEqualTo(KiteCounterDescriptor.PACKETS.typeId());
            assertThat(reader.getCounterLabel(counters.counterId(KiteCounterDescriptor.PACKETS)))
                .isEqualTo("kite-2-3 [acc] packets published");
            counters.close();
        }
    }

    @Test
    void shouldFreeEveryCounterOnCloseAndStartTheNextConnectionsAtZero()
    {
        try (EngineStatus status = EngineStatus.inMemory())
        {
            final ConnectionCounters first = status.newConnectionCounters(0, 0, "acc");
            first.add(KiteCounterDescriptor.PACKETS, 9);
            final int packetsId = first.counterId(KiteCounterDescriptor.PACKETS);

            first.close();
            first.close();
            assertThat(first.isClosed()).isTrue();
            assertThat(status.countersManager().getCounterState(packetsId))
                .isNotEqualTo(CountersReader.RECORD_ALLOCATED);

            final ConnectionCounters second = status.newConnectionCounters(0, 1, "acc");
            for (final KiteCounterDescriptor descriptor : KiteCounterDescriptor.values())
            {
                assertThat(second.get(descriptor)).isZero();
            }
            second.close();
        }
    }

    @Test
    void shouldStandAloneWithRoomForOneConnection()
    {
        final ConnectionCounters counters = ConnectionCounters.standalone(1, 1, "acc");

        counters.increment(KiteCounterDescriptor.ERRORS);

        assertThat(counters.get(KiteCounterDescriptor.ERRORS)).isEqualTo(1);
        assertThat(counters.toString()).contains("kite-1-1").contains("ERRORS=1");
        assertThat(KiteCounterDescriptor.values().length).isLessThanOrEqualTo(
            ConnectionCounters.STANDALONE_COUNTER_CAPACITY);
    }
}
