package io.kiteticker.cli.run;

import io.kiteticker.simulator.market.Universe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSelectionTest
{
    @Test
    void shouldPickTheFirstInstrumentsOfTheUniverseWhenACount()
    {
        final TokenSelection selection = TokenSelection.parse("3");

        assertThat(selection.isCount()).isTrue();
        assertThat(selection.resolve(Universe.standard())).containsExactly(Universe.standard().tokens(3));
    }

    @Test
    void shouldKeepListedTokensInOrderWithoutDuplicates()
    {
        final TokenSelection selection = TokenSelection.parse("256265, 408065,256265,");

        assertThat(selection.isCount()).isFalse();
        assertThat(selection.resolve(Universe.standard())).containsExactly(256265, 408065);
    }

    @Test
    void shouldTreatATrailingCommaAsAListOfOne()
    {
        assertThat(TokenSelection.parse("256265,").resolve(Universe.standard())).containsExactly(256265);
    }

    @Test
    void shouldAcceptTokensAboveTwoToTheThirtyOne()
    {
        assertThat(TokenSelection.parse("4294967049,").resolve(Universe.standard())).containsExactly((int)4294967049L);
    }

    @Test
    void shouldRejectWhatIsNotAToken()
    {
        assertThatThrownBy(() -> TokenSelection.parse("")).isInstanceOf(RunInputException.class);
        assertThatThrownBy(() -> TokenSelection.parse("many")).hasMessageContaining("neither a count nor");
        assertThatThrownBy(() -> TokenSelection.parse("256265,x"))
            .hasMessageContaining("'x' is not an instrument token");
        assertThatThrownBy(() -> TokenSelection.parse("-5,")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TokenSelection.parse("256,")).hasMessageContaining("segment");
        assertThatThrownBy(() -> TokenSelection.parse(",,")).hasMessageContaining("no instrument token");
    }
}
