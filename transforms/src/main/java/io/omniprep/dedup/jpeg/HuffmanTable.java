package io.omniprep.dedup.jpeg;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One JPEG Huffman table (ITU T.81, Annex C and F.2.2.3), built from a DHT segment's code counts per
 * length and its symbols. Codes up to {@link #FAST_BITS} long are found with one lookup in a table
 * indexed by the next bits of the stream; longer ones by comparing against the largest code of each
 * length, as the spec's DECODE procedure does.
 */
final class HuffmanTable {
  /** Bits looked at at once: most codes of photographic JPEGs are this short or shorter. */
  static final int FAST_BITS = 9;
  static final int MAX_BITS = 16;

  /** By the next FAST_BITS bits: (code length << 8) | symbol, or 0 when the code is longer. */
  private final int[] fast = new int[1 << FAST_BITS];
  /** By length: the largest code of that length, -1 when none. */
  private final int[] maxCode = new int[MAX_BITS + 1];
  /** By length: the index of a code's symbol minus the code itself. */
  private final int[] symbolOffset = new int[MAX_BITS + 1];
  private final int[] symbols;

  private HuffmanTable(int[] symbols) {
    this.symbols = symbols;
  }

  /**
   * The table from the counts of codes of each length 1..16 ({@code counts[0]} unused) and the
   * symbols in code order; null when the counts do not describe a prefix code that leaves the
   * all-ones code of every length unused, as T.81 requires.
   */
  static @Nullable HuffmanTable of(int[] counts, int[] symbols) {
    HuffmanTable table = new HuffmanTable(symbols);
    int code = 0;
    int next = 0;
    for (int length = 1; length <= MAX_BITS; length++) {
      table.maxCode[length] = -1;
      if (counts[length] > 0) {
        table.symbolOffset[length] = next - code;
        for (int i = 0; i < counts[length]; i++, code++, next++) {
          if (length <= FAST_BITS) {
            int shift = FAST_BITS - length;
            Arrays.fill(table.fast, code << shift, (code + 1) << shift, length << 8 | symbols[next]);
          }
        }
        if (code >= 1 << length) {
          return null;
        }
        table.maxCode[length] = code - 1;
      }
      code <<= 1;
    }
    return table;
  }

  /**
   * The symbol whose code starts the bits' next 16 (the bits stay unread), with its code length:
   * (length << 8) | symbol; -1 when no code matches.
   */
  int decode(int next16) {
    int entry = fast[next16 >>> (MAX_BITS - FAST_BITS)];
    if (entry != 0) {
      return entry;
    }
    for (int length = FAST_BITS + 1; length <= MAX_BITS; length++) {
      int code = next16 >>> (MAX_BITS - length);
      if (code <= maxCode[length]) {
        return length << 8 | symbols[symbolOffset[length] + code];
      }
    }
    return -1;
  }
}
