package io.kiteticker.cli.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest
{
    @Test
    void shouldShowLatenciesInTheUnitThatKeepsThemShort()
    {
        assertThat(Formats.latency(85_400)).isEqualTo("85 us");
        assertThat(Formats.latency(9_999_000)).isEqualTo("9,999 us");
        assertThat(Formats.latency(12_340_000)).isEqualTo("12.3 ms");
        assertThat(Formats.latency(2_369_800_000L)).isEqualTo("2.37 s");
    }

    @Test
    void shouldGroupCountsAndUseBinaryUnitsForSizes()
    {
        assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Formats.size(512)).isEqualTo("512 B");
        assertThat(Formats.size(80 * 1024 * 1024 + 100 * 1024)).isEqualTo("80.1 MiB");
    }
}
