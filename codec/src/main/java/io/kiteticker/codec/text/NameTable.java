package io.kiteticker.codec.text;

import com.dslplatform.json.JsonReader;
import org.agrona.collections.Int2IntHashMap;

import java.nio.charset.StandardCharsets;

/**
 * Maps JSON attribute names to small indices without allocating, using the FNV-1a hash that
 * {@link JsonReader#fillName()} computes and then an exact byte comparison.
 */
final class NameTable
{
    static final int UNKNOWN = -1;

    private final byte[][] names;
    private final Int2IntHashMap indexByHash;

    NameTable(final String... names)
    {
        this.names = new byte[names.length][];
        this.indexByHash = new Int2IntHashMap(names.length * 4, 0.5f, UNKNOWN);
        for (int i = 0; i < names.length; i++)
        {
            final byte[] bytes = names[i].getBytes(StandardCharsets.US_ASCII);
            final int hash = hash(bytes);
            if (UNKNOWN != indexByHash.get(hash))
            {
                throw new IllegalStateException("hash collision: " + names[i]);
            }
            this.names[i] = bytes;
            indexByHash.put(hash, i);
        }
    }

    /**
     * FNV-1a as computed by dsl-json's {@code JsonReader.calcHash()}.
     *
     * @param bytes of the name.
     * @return the hash.
     */
    static int hash(final byte[] bytes)
    {
        long hash = 0x811c9dc5L;
        for (final byte b : bytes)
        {
            hash ^= b;
            hash *= 0x1000193;
        }
        return (int)hash;
    }

    /**
     * Find the name just read by {@link JsonReader#fillName()}.
     *
     * @param reader that read the name, over {@code bytes}.
     * @param bytes  the reader's input, with at least 32 bytes of padding after its length.
     * @param hash   returned by {@link JsonReader#fillName()}.
     * @return the index of the name or {@link #UNKNOWN}.
     */
    int lookup(final JsonReader<?> reader, final byte[] bytes, final int hash)
    {
        final int index = indexByHash.get(hash);
        if (UNKNOWN == index)
        {
            return UNKNOWN;
        }
        final byte[] name = names[index];
        final int start = reader.getTokenStart();
        final int length = name.length;
        if (start + length >= bytes.length || '"' != bytes[start + length])
        {
            return UNKNOWN;
        }
        for (int i = 0; i < length; i++)
        {
            if (name[i] != bytes[start + i])
            {
                return UNKNOWN;
            }
        }
        return index;
    }
}
