package io.kiteticker.cli.soak;

import io.kiteticker.simulator.fault.FaultKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one soak runs: validated by {@link SoakCommand}.
 *
 * @param durationSeconds   of the faulted run, after the warm-up.
 * @param faults            faults asked for, per kind.
 * @param keys              API keys.
 * @param connectionsPerKey connections per key.
 * @param tokens            tokens subscribed, modes LTP, quote, full in turn.
 * @param tls               wss:// to the simulator.
 * @param seed              of the fault plan, the connection picks and the market model.
 * @param livenessMs        the engine's liveness timeout.
 * @param slackMs           added to the allowance of a token's silence.
 * @param commandLine       the options as given, for the replay line.
 */
record SoakSettings(
    int durationSeconds,
    Map<FaultKind, Integer> faults,
    int keys,
    int connectionsPerKey,
    int tokens,
    boolean tls,
    long seed,
    long livenessMs,
    long slackMs,
    String commandLine)
{
    SoakSettings
    {
        faults = new EnumMap<>(faults);
    }

    int totalConnections()
    {
        return keys * connectionsPerKey;
    }

    int asked(final FaultKind kind)
    {
        return faults.getOrDefault(kind, 0);
    }

    boolean hasRefusals()
    {
        return asked(FaultKind.REFUSE_5XX) + asked(FaultKind.REFUSE_403) > 0;
    }

    int totalAsked()
    {
        int total = 0;
        for (final int count : faults.values())
        {
            total += count;
        }
        return total;
    }
}
