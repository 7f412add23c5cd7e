package io.kiteticker.engine.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineStatusTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldAllocateOneCounterPerDescriptorWithLabelsWithoutSecrets()
    {
        try (EngineStatus status = EngineStatus.inMemory())
        {
            final ConnectionCounters counters = status.newConnectionCounters(1, 2, "account1");
            counters.add(KiteCounterDescriptor.PACKETS, 5);

            final List<String> labels = new ArrayList<>();
            status.countersManager().forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (null != KiteCounterDescriptor.forTypeId(typeId))
                {
                    labels.add(label);
                }
            });

            assertThat(labels).hasSize(KiteCounterDescriptor.values().length);
            assertThat(labels).allMatch((label) -> label.startsWith("kite-1-2 [account1] "));
            assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(5);
            counters.close();
        }
    }

    @Test
    void shouldHaveStableUniqueIds()
    {
        for (final KiteCounterDescriptor descriptor : KiteCounterDescriptor.values())
        {
            assertThat(KiteCounterDescriptor.get(descriptor.id())).isSameAs(descriptor);
            assertThat(KiteCounterDescriptor.forTypeId(descriptor.typeId())).isSameAs(descriptor);
        }
        assertThat(KiteCounterDescriptor.FRAMES.id()).isZero();
        assertThat(KiteCounterDescriptor.STATE.id()).isEqualTo(19);
    }

    @Test
    void shouldReadCountersAndErrorsFromMappedFileInAnotherReader()
    {
        final File file = tempDir.resolve("kite-status.dat").toFile();
        try (EngineStatus status = EngineStatus.mapped(file, true))
        {
            final ConnectionCounters counters = status.newConnectionCounters(0, 1, "acc");
            counters.set(KiteCounterDescriptor.RECONNECTS, 3);
            for (int i = 0; i < 2; i++)
            {
                status.errorHandler().onError(new IllegalStateException("boom"));
            }

            try (EngineStatusReader reader = EngineStatusReader.map(file))
            {
                assertThat(reader.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(reader.counterValue(0, 1, KiteCounterDescriptor.RECONNECTS)).isEqualTo(3);
                assertThat(reader.counterValue(0, 2, KiteCounterDescriptor.RECONNECTS)).isEqualTo(-1);

                final int[] seen = new int[1];
                reader.forEachConnectionCounter((keyIndex, connIndex, descriptor, value, label) -> seen[0]++);
                assertThat(seen[0]).isEqualTo(KiteCounterDescriptor.values().length);

                final List<String> errors = new ArrayList<>();
                final int distinct = reader.readErrors((count, first, last, text) -> errors.add(count + " " + text));
                assertThat(distinct).isEqualTo(1);
                assertThat(errors.get(0)).startsWith("2 ").contains("boom");
            }
            assertThat(status.errorCounter().get()).isEqualTo(2);
            counters.close();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldRejectFileThatIsNotAStatusFile() throws Exception
    {
        final File file = tempDir.resolve("junk.dat").toFile();
        java.nio.file.Files.write(file.toPath(), new byte[4096]);

        assertThatThrownBy(() -> EngineStatusReader.map(file)).isInstanceOf(IllegalStateException.class);
    }
}
