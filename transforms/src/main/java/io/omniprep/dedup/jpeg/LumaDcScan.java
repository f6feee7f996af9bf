package io.omniprep.dedup.jpeg;

import io.omniprep.dedup.jpeg.BaselineHeader.Component;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Decodes a sequential Huffman scan (T.81 F.2.2) keeping only the luminance blocks' DC coefficients:
 * every block's codes are read, the DC differences of the luminance summed to its coefficients
 * (F.2.1.3.1), everything else skipped by its size without being stored. Restart markers must come
 * in sequence where the restart interval puts them, and the scan must end where its last MCU does,
 * followed by the end-of-image marker; any other byte, a code no table has, or data cut short give
 * null rather than a picture of damaged data. Integer arithmetic only.
 */
final class LumaDcScan {
  private static final int RST0 = 0xd0;
  private static final int EOI = 0xd9;
  /** A DC difference of 8-bit samples has at most 11 bits (T.81 F.1.2.1). */
  private static final int MAX_DC_BITS = 11;
  /** The DC coefficient of a block of all 0s and of all 255s, after the level shift (8 x mean - 1024). */
  private static final int DC_MIN = -1024;
  private static final int DC_MAX = 1016;

  private LumaDcScan() {}

  static @Nullable LumaBlocks decode(BaselineHeader header, byte[] data) {
    Component luma = header.components()[0];
    int hMax = 1;
    int vMax = 1;
    for (Component c : header.components()) {
      hMax = Math.max(hMax, c.h());
      vMax = Math.max(vMax, c.v());
    }
    // The luminance plane's size (A.1.1), and its blocks that hold some of its samples.
    int width = ceilDiv(header.width() * luma.h(), hMax);
    int height = ceilDiv(header.height() * luma.v(), vMax);
    int blocksWide = ceilDiv(width, 8);
    int blocksHigh = ceilDiv(height, 8);
    Component[] scan = header.scanOrder();
    boolean interleaved = scan.length > 1;
    int mcusWide = interleaved ? ceilDiv(header.width(), 8 * hMax) : blocksWide;
    int mcusHigh = interleaved ? ceilDiv(header.height(), 8 * vMax) : blocksHigh;
    int lumaH = interleaved ? luma.h() : 1;
    int lumaV = interleaved ? luma.v() : 1;

    // The blocks of one MCU in coding order (A.2.3): their tables, and the luminance's offsets in it.
    int perMcu = 0;
    for (Component c : scan) {
      perMcu += interleaved ? c.h() * c.v() : 1;
    }
    HuffmanTable[] dcTables = new HuffmanTable[perMcu];
    AcSkips[] acTables = new AcSkips[perMcu];
    int[] lumaX = new int[perMcu]; // -1 for a chroma block
    int[] lumaY = new int[perMcu];
    int block = 0;
    for (Component c : scan) {
      int h = interleaved ? c.h() : 1;
      int v = interleaved ? c.v() : 1;
      for (int y = 0; y < v; y++) {
        for (int x = 0; x < h; x++, block++) {
          dcTables[block] = c.dc();
          acTables[block] = c.ac();
          lumaX[block] = c.id() == luma.id() ? x : -1;
          lumaY[block] = y;
        }
      }
    }

    if ((long) blocksWide * blocksHigh > 4L * data.length) {
      return null; // a block's codes take at least 2 bits: the header's size is not this file's
    }
    int[] dc = new int[blocksWide * blocksHigh];
    int quant = header.lumaQuant();
    int interval = header.restartInterval();
    EntropyBits bits = new EntropyBits(data, header.scanStart());
    int predicted = 0;
    int restarts = 0;
    int mcus = mcusWide * mcusHigh;
    for (int mcu = 0; mcu < mcus; mcu++) {
      if (interval > 0 && mcu > 0 && mcu % interval == 0) {
        if (bits.endMarker() != RST0 + (restarts & 7)) {
          return null;
        }
        restarts++;
        bits.restart();
        predicted = 0;
      }
      int mcuX = mcu % mcusWide;
      int mcuY = mcu / mcusWide;
      for (int b = 0; b < perMcu; b++) {
        bits.fill();
        int entry = dcTables[b].decode(bits.peek16());
        if (entry < 0 || (entry & 0xff) > MAX_DC_BITS) {
          return null;
        }
        bits.skip(entry >>> 8);
        int size = entry & 0xff;
        if (lumaX[b] < 0) {
          bits.skip(size);
        } else {
          if (size > 0) {
            predicted += extend(bits.read(size), size);
          }
          int x = mcuX * lumaH + lumaX[b];
          int y = mcuY * lumaV + lumaY[b];
          if (x < blocksWide && y < blocksHigh) {
            dc[y * blocksWide + x] = (int) Math.max(DC_MIN, Math.min(DC_MAX, (long) predicted * quant));
          }
        }
        if (!bits.skipAc(acTables[b])) {
          return null;
        }
      }
      if (bits.overrun()) {
        return null;
      }
    }
    return bits.endMarker() == EOI ? new LumaBlocks(width, height, blocksWide, blocksHigh, dc) : null;
  }

  /** The signed difference from its {@code size} bits (F.2.2.1, EXTEND). */
  private static int extend(int bits, int size) {
    return bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
