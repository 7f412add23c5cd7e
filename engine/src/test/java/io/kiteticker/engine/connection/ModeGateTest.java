package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ModeGateTest
{
    private final ModeGate gate = new ModeGate();

    @Test
    void shouldRefuseOtherModesOfAPendingTokenUntilItsModeArrives()
    {
        gate.expect(256265, Mode.LTP.code());
        gate.expect(260105, Mode.FULL.code());

        assertThat(gate.isActive()).isTrue();
        assertThat(gate.accept(256265, PacketKind.INDEX_QUOTE)).isFalse();
        assertThat(gate.accept(260105, PacketKind.INDEX_QUOTE)).isFalse();
        assertThat(gate.accept(408065, PacketKind.QUOTE)).as("not pending").isTrue();
        assertThat(gate.accept(256265, PacketKind.LTP)).as("switched").isTrue();
        assertThat(gate.accept(256265, PacketKind.INDEX_QUOTE)).as("no longer filtered").isTrue();
        assertThat(gate.pendingCount()).isEqualTo(1);
        assertThat(gate.accept(260105, PacketKind.INDEX_FULL)).isTrue();
        assertThat(gate.isActive()).isFalse();
    }

    @Test
    void shouldAcceptUnknownKindsAndForgetOnUnsubscribeOrANewSessionWhenPending()
    {
        gate.expect(1, Mode.FULL.code());
        gate.expect(2, Mode.FULL.code());

        assertThat(gate.accept(0, PacketKind.UNKNOWN)).isTrue();
        gate.forget(1);
        assertThat(gate.accept(1, PacketKind.QUOTE)).isTrue();
        gate.clear();
        assertThat(gate.isActive()).isFalse();
        assertThat(gate.accept(2, PacketKind.QUOTE)).isTrue();
    }

    @Test
    void shouldMarkNonQuoteTokensAndModeChangesPendingWhenCommandsApplyAndASessionStarts()
    {
        final TokenModes tokenModes = new TokenModes(gate);
        tokenModes.apply(command(ConnectionCommand.SUBSCRIBE, Mode.QUOTE, 10, 11));
        assertThat(gate.isActive()).as("quote is what a subscribe starts in").isFalse();
        tokenModes.apply(command(ConnectionCommand.SUBSCRIBE, Mode.LTP, 20));
        tokenModes.apply(command(ConnectionCommand.CHANGE_MODE, Mode.FULL, 11, 99));
        assertThat(gate.pendingCount()).as("20 in LTP, 11 to full; 99 is not subscribed").isEqualTo(2);
        assertThat(gate.accept(11, PacketKind.QUOTE)).isFalse();
        tokenModes.apply(command(ConnectionCommand.UNSUBSCRIBE, Mode.QUOTE, 20));
        assertThat(gate.accept(20, PacketKind.QUOTE)).isTrue();

        tokenModes.onNewSession();

        assertThat(gate.pendingCount()).as("a new session: only 11 (full) is not quote").isEqualTo(1);
        assertThat(gate.accept(10, PacketKind.QUOTE)).isTrue();
        assertThat(gate.accept(11, PacketKind.QUOTE)).isFalse();
    }

    @Test
    void shouldLetStillPendingTokensThroughWhenNoRequestWasSentForTheSettleTime()
    {
        final long settleNs = TimeUnit.MILLISECONDS.toNanos(ModeGate.SETTLE_MS);
        gate.expect(7, Mode.FULL.code());
        assertThat(gate.settle(0, 3)).isZero();
        assertThat(gate.settle(settleNs - 1, 4)).as("a request sent: waits again from here").isZero();
        assertThat(gate.settle(2 * settleNs - 2, 4)).isZero();
        assertThat(gate.accept(7, PacketKind.QUOTE)).isFalse();

        assertThat(gate.settle(2 * settleNs, 4)).as("a token the server never sends").isEqualTo(1);

        assertThat(gate.isActive()).isFalse();
        gate.expect(8, Mode.LTP.code());
        assertThat(gate.settle(2 * settleNs + 1, 4)).as("a new wait starts").isZero();
    }

    private static ConnectionCommand command(final int type, final Mode mode, final int... tokens)
    {
        return new ConnectionCommand(type, tokens.clone(), tokens.length, mode);
    }
}
