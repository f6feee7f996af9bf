package io.omniprep.dedup.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bits of a JPEG entropy-coded segment (T.81 F.1.2.3, B.1.1.5): most significant bit first, a 0
 * byte after each 0xFF dropped (byte stuffing), a marker ending the segment. The bits are held in a
 * long, the next one in its top bit. Past the segment's end (a marker, or the end of the data) zero
 * bits are supplied and counted, so a decoder may peek ahead freely; {@link #overrun} tells when it
 * has consumed any of them, i.e. the data were cut short or damaged.
 */
final class EntropyBits {
  private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] data;
  private int position;
  private long bits;
  private int count;
  /** Zero bits supplied past the segment's end since the last {@link #restart}. */
  private int supplied;

  EntropyBits(byte[] data, int position) {
    this.data = data;
    this.position = position;
  }

  /** Makes at least 57 bits available. */
  void fill() {
    if (count <= 56 && position + Long.BYTES <= data.length) {
      // Whole bytes at once while none of the next eight is 0xFF (no stuffing, no marker).
      long next = (long) BIG_ENDIAN.get(data, position);
      long ff = ~next;
      if (((ff - 0x0101010101010101L) & ~ff & 0x8080808080808080L) == 0) {
        int bytes = (64 - count) >> 3;
        bits |= (next & (-1L << (64 - 8 * bytes))) >>> count;
        count += 8 * bytes;
        position += bytes;
        return;
      }
    }
    while (count <= 56) {
      int b;
      if (position < data.length && data[position] != (byte) 0xff) {
        b = data[position++] & 0xff;
      } else if (position + 1 < data.length && data[position + 1] == 0) {
        b = 0xff;
        position += 2;
      } else {
        b = 0; // a marker, or the data's end: the segment is over
        supplied += 8;
      }
      bits |= (long) b << (56 - count);
      count += 8;
    }
  }

  /** The next 16 bits, unread; needs {@link #fill} first. */
  int peek16() {
    return (int) (bits >>> 48);
  }

  /** Drops {@code n} bits (0 to 32); needs {@link #fill} first. */
  void skip(int n) {
    bits <<= n;
    count -= n;
  }

  /** The next {@code n} bits (1 to 16) as an unsigned number; needs {@link #fill} first. */
  int read(int n) {
    int value = (int) (bits >>> (64 - n));
    bits <<= n;
    count -= n;
    return value;
  }

  /**
   * Reads past a block's 63 AC codes and coefficient bits (T.81 F.2.2.2) without keeping them;
   * false on a code the table has not, or a run past the block's end. The hot loop of the DC-only
   * decoder: the buffer is held in locals and filled only when fewer bits are left than one code
   * and its coefficient may take (16 + 10); several short codes are passed at once while they stay
   * inside the block.
   */
  boolean skipAc(AcSkips skips) {
    long bits = this.bits;
    int count = this.count;
    int k = 1; // the next coefficient's position in the block
    while (true) {
      if (count < 26) {
        this.bits = bits;
        this.count = count;
        fill();
        bits = this.bits;
        count = this.count;
      }
      int next16 = (int) (bits >>> 48);
      int several = skips.several(next16);
      int advance = several & AcSkips.ADVANCE_MASK;
      if (several != 0 && k + advance <= 63) {
        int taken = several >>> AcSkips.TAKEN_SHIFT;
        bits <<= taken;
        count -= taken;
        k += advance;
        if ((several & AcSkips.END_OF_BLOCK) != 0) {
          break;
        }
        continue;
      }
      int step = skips.step(next16);
      if (step < 0) {
        return false;
      }
      bits <<= step >>> 8;
      count -= step >>> 8;
      advance = step & 0xff;
      k += advance;
      if (advance == 0 || k >= 64) {
        break; // the end of block code, or the last coefficient
      }
    }
    this.bits = bits;
    this.count = count;
    return k <= 64;
  }

  /** Whether bits beyond the segment's end have been consumed. */
  boolean overrun() {
    return count < supplied;
  }

  /**
   * At the end of a segment: whether only its final byte's padding is left unread, then the code of
   * the marker that follows (fill bytes 0xFF before it skipped), -1 when none follows or data remain.
   * The reader then stands after the marker.
   */
  int endMarker() {
    fill();
    if (overrun() || count - supplied >= 8) {
      return -1;
    }
    while (position + 1 < data.length && data[position] == (byte) 0xff && data[position + 1] == (byte) 0xff) {
      position++;
    }
    if (position + 1 >= data.length || data[position] != (byte) 0xff) {
      return -1;
    }
    int marker = data[position + 1] & 0xff;
    position += 2;
    return marker;
  }

  /** Starts the next entropy-coded segment, after a restart marker. */
  void restart() {
    bits = 0;
    count = 0;
    supplied = 0;
  }
}
