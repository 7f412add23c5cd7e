package io.kiteticker.cli.soak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineFiguresTest
{
    @Test
    void shouldLeaveTheConnectionOutOfAnErrorKindWhenGrouping()
    {
        assertThat(EngineFigures.kindOf("io.kiteticker.engine.connection.ConnectionException: kite-0-1 [key-1]: " +
            "connection lost: WebSocket protocol error RSV_BITS_SET\n\tat io.kiteticker...."))
            .isEqualTo("connection lost: WebSocket protocol error RSV_BITS_SET");
        assertThat(EngineFigures.kindOf("java.lang.IllegalStateException: boom")).isEqualTo(
            "java.lang.IllegalStateException: boom");
    }
}
