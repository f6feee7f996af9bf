package io.omniprep.dedup.jpeg;

/**
 * How an AC table's codes move through a block when the coefficients are skipped, not kept (T.81
 * F.1.2.2: each code gives a run of zeros and the size of the coefficient's bits that follow it).
 * Since no value is needed, several codes with their bits can be passed at once: {@link #several}
 * gives, for the next {@link #SEVERAL_BITS} bits of the stream, how many of them the whole codes
 * and coefficients inside them take and how far they advance, so a block of small coefficients
 * costs about one lookup per three codes. {@link #step} passes one code of any length.
 */
final class AcSkips {
  static final int SEVERAL_BITS = 12;
  /** {@link #several}'s fields: bits taken << 7 | end of block << 6 | positions advanced. */
  static final int ADVANCE_MASK = 0x3f;
  static final int END_OF_BLOCK = 1 << 6;
  static final int TAKEN_SHIFT = 7;

  private final HuffmanTable table;
  /** By the next FAST_BITS bits: {@link #step}'s answer, or 0 when the code is longer. */
  private final int[] fast = new int[1 << HuffmanTable.FAST_BITS];
  /**
   * By the next SEVERAL_BITS bits: the codes wholly inside them with their coefficient bits, up to
   * and including an end of block and advancing at most 63 positions; 0 when not even one fits.
   */
  private final char[] several = new char[1 << SEVERAL_BITS];

  AcSkips(HuffmanTable table) {
    this.table = table;
    for (int bits = 0; bits < fast.length; bits++) {
      int decoded = table.decode(bits << (HuffmanTable.MAX_BITS - HuffmanTable.FAST_BITS));
      fast[bits] = decoded >>> 8 <= HuffmanTable.FAST_BITS ? stepOf(decoded) : 0;
    }
    for (int bits = 0; bits < several.length; bits++) {
      int taken = 0;
      int advanced = 0;
      int end = 0;
      while (end == 0) {
        int step = step((bits << taken & (1 << SEVERAL_BITS) - 1) << (HuffmanTable.MAX_BITS - SEVERAL_BITS));
        int length = step >>> 8;
        int advance = step & 0xff;
        if (step <= 0 || taken + length > SEVERAL_BITS || advanced + advance > 63) {
          break;
        }
        taken += length;
        advanced += advance;
        end = advance == 0 ? END_OF_BLOCK : 0;
      }
      several[bits] = (char) (taken << TAKEN_SHIFT | end | advanced);
    }
  }

  /** {@link #several}'s entry for the next 16 bits. */
  int several(int next16) {
    return several[next16 >>> (HuffmanTable.MAX_BITS - SEVERAL_BITS)];
  }

  /**
   * One AC code followed by its coefficient's bits, for the next 16 bits: (bits it takes << 8) | the
   * positions it advances, 0 for the end of block; -1 for a code the table has not or a coefficient
   * of more than 10 bits, which 8-bit samples never have.
   */
  int step(int next16) {
    int entry = fast[next16 >>> (HuffmanTable.MAX_BITS - HuffmanTable.FAST_BITS)];
    return entry != 0 ? entry : stepOf(table.decode(next16));
  }

  private static int stepOf(int decoded) {
    if (decoded < 0) {
      return -1;
    }
    int run = (decoded >> 4) & 0x0f;
    int size = decoded & 0x0f;
    if (size > 10) {
      return -1;
    }
    int advance = size != 0 ? run + 1 : run == 15 ? 16 : 0; // 16 zeros, or the end of the block
    return ((decoded >>> 8) + size) << 8 | advance;
  }
}
