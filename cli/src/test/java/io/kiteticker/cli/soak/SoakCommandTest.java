package io.kiteticker.cli.soak;

import io.kiteticker.cli.CliRun;
import io.kiteticker.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short soak of the build: {@code ./kite soak} in this JVM, the faults it was asked for all injected and
 * survived with no token lost; and the same soak made to lose a token, which must fail. The passing soak allows 4 s
 * of slack instead of 1 s: the build shares its cores with other work, and a starved simulator thread is no loss of
 * the engine's; a token that never comes back fails at any slack.
 */
class SoakCommandTest
{
    @Test
    @Timeout(90)
    void shouldSurviveEveryFaultAndLoseNothingWhenTheEngineRecovers()
    {
        final CliRun run = CliRun.execute("soak", "--duration", "30", "--drops", "20", "--stalls", "5",
            "--slow-readers", "2", "--refusals", "1", "--refusals-403", "1", "--keys", "2", "--tokens", "3000",
            "--slack-ms", "4000",
            "--seed", "12");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out).startsWith("kite soak: seed 12;")
            .contains("replay: ./kite soak --duration 30 --drops 20 --stalls 5").contains("--slack-ms 4000 --seed 12")
            .contains("result: PASS: 29 faults survived of 29 injected, 0 tokens lost");
        assertThat(row(run.out, "total")).as(run.out).containsExactly(29, 29, 0, 29);
        assertThat(row(run.out, "stall")).containsExactly(5, 5, 0, 5);
        assertThat(row(run.out, "refuse-5xx")).containsExactly(1, 1, 0, 1);
        assertThat(row(run.out, "refuse-403")).as("a mid-run 403 window is retried, not a rejection")
            .containsExactly(1, 1, 0, 1);
        assertThat(check(run.out, "packets delivered in another mode")).isZero();
        assertThat(check(run.out, "tokens lost")).isZero();
        assertThat(check(run.out, "tokens on two connections")).isZero();
        assertThat(check(run.out, "torn slots")).isZero();
        assertThat(check(run.out, "duplicated or skipped slots")).isZero();
        assertThat(times(run.out, "stall detection")).as("one detection per stall").isEqualTo(5);
    }

    @Test
    @Timeout(60)
    void shouldFailWithSoakLossWhenTheServerForgetsASubscription()
    {
        final CliRun run = CliRun.execute("soak", "--duration", "12", "--drops", "2", "--stalls", "0",
            "--slow-readers", "0", "--refusals", "0", "--refusals-403", "0", "--lose-subscriptions", "1",
            "--keys", "1", "--tokens", "300", "--seed", "3");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.SOAK_LOSS);
        assertThat(check(run.out, "tokens lost")).as(run.out).isEqualTo(1);
        assertThat(row(run.out, "lose-subscription")).containsExactly(1, 1, 0, 0);
        assertThat(run.out).contains("result: FAIL: 1 tokens lost")
            .contains("replay: ./kite soak --duration 12 --drops 2").contains("--seed 3");
    }

    @Test
    void shouldRefuseADurationTooShortForTheFaults()
    {
        final CliRun run = CliRun.execute("soak", "--duration", "5");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("--duration must be at least");
    }

    private static int[] row(final String out, final String kind)
    {
        final Matcher matcher = Pattern.compile("(?m)^  " + Pattern.quote(kind) + " +(\\d+) +(\\d+) +(\\d+) +(\\d+)$")
            .matcher(out);
        assertThat(matcher.find()).as("a row for " + kind + " in\n" + out).isTrue();
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4))};
    }

    private static long check(final String out, final String what)
    {
        final Matcher matcher = Pattern.compile("(?m)^  " + Pattern.quote(what) + ".*? +(\\d+)  ").matcher(out);
        assertThat(matcher.find()).as("a check row for " + what + " in\n" + out).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static long times(final String out, final String what)
    {
        final Matcher matcher = Pattern.compile("(?m)^  " + Pattern.quote(what) + " +(\\d+)").matcher(out);
        assertThat(matcher.find()).as("a times row for " + what + " in\n" + out).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
