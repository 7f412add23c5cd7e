package io.kiteticker.codec.packet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentTest
{
    @Test
    void shouldTakeLowByteOfTokenWhenFindingSegment()
    {
        assertThat(Segment.segment(408065)).isEqualTo(Segment.NSE);
        assertThat(Segment.segment(256265)).isEqualTo(Segment.INDICES);
        assertThat(Segment.segment(0xFFFF_FF03)).isEqualTo(Segment.CDS);
        assertThat(Segment.segment(0)).isEqualTo(Segment.UNKNOWN);
    }

    @Test
    void shouldUseOfficialSdkDivisorsWhenCurrencySegments()
    {
        assertThat(Segment.priceDivisor(Segment.CDS)).isEqualTo(10_000_000);
        assertThat(Segment.priceDivisor(Segment.BCD)).isEqualTo(10_000);
        for (final int segment : new int[]{ 0, 1, 2, 4, 5, 7, 8, 9, 10, 255, -1 })
        {
            assertThat(Segment.priceDivisor(segment)).as("segment %d", segment).isEqualTo(100);
        }
        assertThat(Segment.priceDivisorForToken((99 << 8) | Segment.CDS)).isEqualTo(10_000_000);
    }

    @Test
    void shouldTreatOnlyIndicesAsIndexAndNotTradable()
    {
        for (int segment = 0; segment < 256; segment++)
        {
            assertThat(Segment.isIndex(segment)).isEqualTo(Segment.INDICES == segment);
            assertThat(Segment.isTradable(segment)).isEqualTo(Segment.INDICES != segment);
        }
    }

    @Test
    void shouldNameEverySegmentWithConstantStrings()
    {
        final String[] names = { "NSE", "NFO", "CDS", "BSE", "BFO", "BCD", "MCX", "MCXSX", "INDICES" };
        for (int segment = Segment.NSE; segment <= Segment.INDICES; segment++)
        {
            assertThat(Segment.name(segment)).isEqualTo(names[segment - 1]).isSameAs(Segment.name(segment));
        }
        assertThat(Segment.name(0)).isEqualTo("UNKNOWN");
        assertThat(Segment.name(10)).isEqualTo("UNKNOWN");
        assertThat(Segment.name(-3)).isEqualTo("UNKNOWN");
    }
}
