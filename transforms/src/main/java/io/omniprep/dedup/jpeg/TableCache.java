package io.omniprep.dedup.jpeg;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Huffman tables already built, by their definition in a DHT segment (class, code counts, symbols).
 * The files of a data set mostly share a few tables (an encoder's standard ones), and building an
 * AC table's lookups costs a good part of reading a small picture's DC coefficients. The tables are
 * immutable, so a cached one gives the same result as a new one; the cache is emptied when full.
 */
final class TableCache {
  private static final int LIMIT = 256;
  private static final ConcurrentHashMap<ByteBuffer, Object> TABLES = new ConcurrentHashMap<>();

  private TableCache() {}

  /**
   * The table defined by {@code data[from, to)} (a DHT table's Tc/Th byte, 16 counts, its
   * symbols): a {@link HuffmanTable} for a DC table, {@link AcSkips} for an AC one; null when the
   * definition is not a valid code.
   */
  static @Nullable Object of(byte[] data, int from, int to, int[] counts, int[] symbols, boolean ac) {
    byte[] key = Arrays.copyOfRange(data, from, to);
    key[0] = (byte) (ac ? 1 : 0); // the slot it goes to does not change the table
    ByteBuffer definition = ByteBuffer.wrap(key);
    Object table = TABLES.get(definition);
    if (table == null) {
      HuffmanTable huffman = HuffmanTable.of(counts, symbols);
      if (huffman == null) {
        return null;
      }
      table = ac ? new AcSkips(huffman) : huffman;
      if (TABLES.size() >= LIMIT) {
        TABLES.clear();
      }
      TABLES.put(definition, table);
    }
    return table;
  }
}
