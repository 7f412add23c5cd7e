package io.kiteticker.cli;

import io.kiteticker.engine.status.EngineStatusReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command-line tests read back from a run: its output file, a number in its text, a value in its status
 * file while it runs.
 */
final class RunOutputs
{
    private RunOutputs()
    {
    }

    /**
     * A file's text for a failure message: the text, or why it could not be read.
     *
     * @param file to read.
     * @return its text or the exception.
     */
    static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    /**
     * The number (with thousands separators) of the first group of a pattern, which must be found.
     *
     * @param text  to search.
     * @param regex with one group around the number.
     * @return the number.
     */
    static long number(final String text, final String regex)
    {
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    /**
     * A value read from a running engine's status file, 0 while the file is missing, not yet initialised or
     * already gone (Agrona rethrows the file's {@code IOException} unchecked).
     *
     * @param statusFile of the run.
     * @param value      what to read.
     * @return the value, or 0.
     */
    static long statusValue(final Path statusFile, final ToLongFunction<EngineStatusReader> value)
    {
        if (!Files.isRegularFile(statusFile))
        {
            return 0;
        }
        try (EngineStatusReader reader = EngineStatusReader.map(statusFile.toFile()))
        {
            return Math.max(0, value.applyAsLong(reader));
        }
        catch (final Exception ex)
        {
            return 0;
        }
    }
}
