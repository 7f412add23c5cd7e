package io.kiteticker.codec;

import io.kiteticker.codec.packet.TickDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodecConfigurationTest
{
    @Test
    void shouldForceFastExactDivisionWhenPropertyIsTrueOrFalse()
    {
        assertThat(CodecConfiguration.fastExactDivision("true")).isTrue();
        assertThat(CodecConfiguration.fastExactDivision("TRUE")).isTrue();
        assertThat(CodecConfiguration.fastExactDivision("false")).isFalse();
        assertThat(CodecConfiguration.fastExactDivision("no")).isFalse();
    }

    @Test
    void shouldAskJvmForFmaWhenPropertyIsAuto()
    {
        final boolean fma = CodecConfiguration.hasHardwareFma();

        assertThat(CodecConfiguration.fastExactDivision("auto")).isEqualTo(fma);
        assertThat(CodecConfiguration.fastExactDivision("AUTO")).isEqualTo(fma);
        assertThat(CodecConfiguration.FAST_EXACT_DIVISION_DEFAULT)
            .isEqualTo(CodecConfiguration.FAST_EXACT_DIVISION_AUTO);
    }

    @Test
    void shouldReadPropertyOnceIntoTickDecoderConstant()
    {
        final String value = System.getProperty(
            CodecConfiguration.FAST_EXACT_DIVISION_PROP_NAME, CodecConfiguration.FAST_EXACT_DIVISION_DEFAULT);

        assertThat(TickDecoder.FAST_EXACT_DIVISION)
            .isEqualTo(CodecConfiguration.FAST_EXACT_DIVISION)
            .isEqualTo(CodecConfiguration.fastExactDivision(value));
    }
}
