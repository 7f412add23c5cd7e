package io.kiteticker.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * Base of every JMH benchmark here: one fork with the JVM flags Agrona 2.x and Chronicle Queue need (the root pom's
 * {@code jvm.base.args} and {@code chronicle.quiet.props}). JMH reads {@link Fork} from superclasses, and forked JVMs
 * do not inherit a jar manifest's {@code Add-Exports}, so the flags live here once.
 */
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "-Ddisable.perf.info=true",
    "-Dchronicle.disk.monitor.disable=true",
    "-Dorg.slf4j.simpleLogger.log.net.openhft=warn" })
public abstract class KiteForkedBenchmark
{
}
