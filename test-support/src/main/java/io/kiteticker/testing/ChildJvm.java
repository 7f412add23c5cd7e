package io.kiteticker.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM that runs a main class of the test class path with the flags this JVM has for
 * Agrona and Chronicle (module exports and opens, native access), for tests that need a process of their own: one
 * to kill, to signal, or to run without a system property the build sets.
 */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    /**
     * A command for {@link ProcessBuilder}.
     *
     * @param jvmArguments            extra JVM arguments (system properties), before the main class.
     * @param withChronicleProperties also pass this JVM's {@code -Dchronicle.*} and {@code -Ddisable.*} properties.
     * @param mainClass               to run.
     * @param args                    of the main class.
     * @return the command.
     */
    public static List<String> command(
        final List<String> jvmArguments,
        final boolean withChronicleProperties,
        final Class<?> mainClass,
        final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            final boolean isAccessFlag = argument.startsWith("--add-") ||
                argument.startsWith("--enable-native-access") || argument.startsWith("--sun-misc");
            final boolean isChronicleProperty = argument.startsWith("-Dchronicle") || argument.startsWith("-Ddisable");
            if (isAccessFlag || (withChronicleProperties && isChronicleProperty))
            {
                command.add(argument);
            }
        }
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}
