package io.kiteticker.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Damaging files the ways disks and people do, for tests of readers that must report it: random bytes over a range,
 * a truncation.
 */
public final class FileDamage
{
    private FileDamage()
    {
    }

    /**
     * The first file in a directory whose name matches a glob.
     *
     * @param directory to look in.
     * @param glob      such as {@code *.cq4}.
     * @return the file.
     * @throws IOException if there is none or the directory cannot be read.
     */
    public static Path firstFile(final Path directory, final String glob) throws IOException
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob))
        {
            for (final Path file : files)
            {
                return file;
            }
        }
        throw new IOException("no " + glob + " in " + directory);
    }

    /**
     * Overwrite bytes of a file in place.
     *
     * @param file     to damage.
     * @param position of the first byte overwritten.
     * @param bytes    written there.
     * @throws IOException if the file cannot be written.
     */
    public static void overwrite(final Path file, final long position, final byte[] bytes) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            raf.write(bytes);
        }
    }

    /**
     * Cut a file short.
     *
     * @param file   to truncate.
     * @param length it keeps.
     * @throws IOException if the file cannot be written.
     */
    public static void truncate(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }

    /**
     * Random bytes, the same for the same seed.
     *
     * @param seed   of the generator.
     * @param length of the result.
     * @return the bytes.
     */
    public static byte[] randomBytes(final long seed, final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
