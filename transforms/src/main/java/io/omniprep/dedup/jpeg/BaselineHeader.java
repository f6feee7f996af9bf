package io.omniprep.dedup.jpeg;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The marker segments of a JPEG up to its first scan (T.81 B.2, B.3; JFIF's APP0 and Adobe's APP14
 * for the colour space), for the one case the DC-only decoder reads: a baseline or extended
 * sequential Huffman frame of 8-bit samples (SOF0, SOF1), grey or YCbCr, coded in one interleaved
 * scan of all its components. {@link #read} returns null for anything else (progressive, arithmetic,
 * 12-bit, lossless, hierarchical, RGB or CMYK, several scans) and for any malformed segment; the
 * caller then leaves the file to a full decoder.
 *
 * @param width the frame's width in pixels
 * @param height the frame's height in pixels
 * @param components the frame's components; the first is the luminance (or the grey)
 * @param scanOrder the frame's components as the scan lists them (the order of their blocks in a MCU)
 * @param restartInterval MCUs between restart markers, 0 for none
 * @param lumaQuant the luminance's DC quantizer
 * @param scanStart where the scan's entropy-coded data begin
 */
record BaselineHeader(int width, int height, Component[] components, Component[] scanOrder,
    int restartInterval, int lumaQuant, int scanStart) {
  private static final int SOF0 = 0xc0;
  private static final int SOF1 = 0xc1;
  private static final int DHT = 0xc4;
  private static final int SOI = 0xd8;
  private static final int SOS = 0xda;
  private static final int DQT = 0xdb;
  private static final int DRI = 0xdd;
  private static final int APP0 = 0xe0;
  private static final int APP14 = 0xee;
  private static final int APP15 = 0xef;
  private static final int COM = 0xfe;

  /**
   * A frame component with its sampling factors and, once the scan names them, its tables.
   *
   * @param id the component identifier
   * @param h horizontal sampling factor, 1 to 4
   * @param v vertical sampling factor, 1 to 4
   * @param quant the quantization table's slot
   */
  record Component(int id, int h, int v, int quant, @Nullable HuffmanTable dc, @Nullable AcSkips ac) {
    Component withTables(HuffmanTable dc, AcSkips ac) {
      return new Component(id, h, v, quant, dc, ac);
    }
  }

  /** The header of {@code data}, or null when the DC-only decoder does not read it (see above). */
  static @Nullable BaselineHeader read(byte[] data) {
    if (data.length < 4 || (data[0] & 0xff) != 0xff || (data[1] & 0xff) != SOI) {
      return null;
    }
    HuffmanTable[] dcTables = new HuffmanTable[4];
    AcSkips[] acTables = new AcSkips[4];
    int[] dcQuants = new int[4]; // 0: no table yet
    Component[] frame = null;
    int width = 0;
    int height = 0;
    int restartInterval = 0;
    boolean jfif = false;
    int adobeTransform = -1;
    int at = 2;
    while (true) {
      if (at >= data.length || (data[at] & 0xff) != 0xff) {
        return null; // bytes between segments: a decoder warns of extraneous data
      }
      while (at + 1 < data.length && (data[at + 1] & 0xff) == 0xff) {
        at++; // fill bytes before a marker
      }
      if (at + 4 > data.length) {
        return null;
      }
      int marker = data[at + 1] & 0xff;
      int length = (data[at + 2] & 0xff) << 8 | (data[at + 3] & 0xff);
      int start = at + 4;
      int end = at + 2 + length;
      if (length < 2 || end > data.length) {
        return null;
      }
      switch (marker) {
        case SOF0, SOF1 -> {
          if (frame != null || length < 8 || (data[start] & 0xff) != 8) {
            return null;
          }
          height = u16(data, start + 1);
          width = u16(data, start + 3);
          int count = data[start + 5] & 0xff;
          if (height == 0 || width == 0 || (count != 1 && count != 3) || length != 8 + 3 * count) {
            return null; // a height of 0 is given later by a DNL marker: not read here
          }
          frame = new Component[count];
          for (int i = 0; i < count; i++) {
            int c = start + 6 + 3 * i;
            int h = (data[c + 1] & 0xff) >> 4;
            int v = data[c + 1] & 0x0f;
            int quant = data[c + 2] & 0xff;
            if (h < 1 || h > 4 || v < 1 || v > 4 || quant > 3) {
              return null;
            }
            frame[i] = new Component(data[c] & 0xff, h, v, quant, null, null);
          }
        }
        case DHT -> {
          if (!huffmanTables(data, start, end, dcTables, acTables)) {
            return null;
          }
        }
        case DQT -> {
          if (!quantTables(data, start, end, dcQuants)) {
            return null;
          }
        }
        case DRI -> {
          if (length != 4) {
            return null;
          }
          restartInterval = u16(data, start);
        }
        case APP0 -> {
          if (length >= 2 + 6 && startsWith(data, start, "JFIF\0")) {
            if (data[start + 5] != 1) {
              return null; // an unknown JFIF major version: a decoder warns
            }
            jfif = true;
          }
        }
        case APP14 -> {
          if (length >= 2 + 12 && startsWith(data, start, "Adobe")) {
            adobeTransform = data[start + 11] & 0xff;
          }
        }
        case COM -> { }
        case SOS -> {
          if (frame == null) {
            return null;
          }
          Component[] scan = scan(data, start, end, frame, dcTables, acTables);
          int lumaQuant = dcQuants[frame[0].quant()];
          if (scan == null || lumaQuant == 0 || !yCbCrOrGrey(frame, jfif, adobeTransform)) {
            return null;
          }
          return new BaselineHeader(width, height, frame, scan, restartInterval, lumaQuant, end);
        }
        default -> {
          if (marker < APP0 || marker > APP15) {
            return null; // other frame types, DNL, DAC, a misplaced SOI/EOI/RSTn, reserved markers
          }
        }
      }
      at = end;
    }
  }

  /** Reads a DHT segment's tables into their slots; false when one is malformed. */
  private static boolean huffmanTables(byte[] data, int at, int end, HuffmanTable[] dc, AcSkips[] ac) {
    while (at < end) {
      if (at + 17 > end) {
        return false;
      }
      int from = at;
      int kind = (data[at] & 0xff) >> 4;
      int slot = data[at] & 0x0f;
      int[] counts = new int[HuffmanTable.MAX_BITS + 1];
      int total = 0;
      for (int length = 1; length <= HuffmanTable.MAX_BITS; length++) {
        counts[length] = data[at + length] & 0xff;
        total += counts[length];
      }
      at += 17;
      if (kind > 1 || slot > 3 || total > 256 || at + total > end) {
        return false;
      }
      int[] symbols = new int[total];
      for (int i = 0; i < total; i++) {
        symbols[i] = data[at + i] & 0xff;
      }
      at += total;
      Object table = TableCache.of(data, from, at, counts, symbols, kind == 1);
      if (table == null) {
        return false;
      }
      if (kind == 0) {
        dc[slot] = (HuffmanTable) table;
      } else {
        ac[slot] = (AcSkips) table;
      }
    }
    return true;
  }

  /** Keeps the DC quantizer of each table of a DQT segment (8- or 16-bit entries); false when malformed. */
  private static boolean quantTables(byte[] data, int at, int end, int[] dcQuants) {
    while (at < end) {
      int precision = (data[at] & 0xff) >> 4;
      int slot = data[at] & 0x0f;
      int size = precision == 0 ? 64 : 128;
      if (precision > 1 || slot > 3 || at + 1 + size > end) {
        return false;
      }
      // The first entry, in zig-zag order as all are, is the DC term's.
      int dc = precision == 0 ? data[at + 1] & 0xff : u16(data, at + 1);
      if (dc == 0) {
        return false;
      }
      dcQuants[slot] = dc;
      at += 1 + size;
    }
    return true;
  }

  /**
   * The frame's components in the scan's order with their Huffman tables; null unless the scan
   * holds every component and all 64 coefficients at full precision (a sequential single scan), its
   * tables are defined, and a MCU holds at most 10 blocks.
   */
  private static Component @Nullable [] scan(byte[] data, int at, int end, Component[] frame,
      HuffmanTable[] dcTables, AcSkips[] acTables) {
    int count = end > at ? data[at] & 0xff : 0;
    if (count != frame.length || end - at != 1 + 2 * count + 3) {
      return null;
    }
    Component[] scan = new Component[count];
    int blocks = 0;
    for (int i = 0; i < count; i++) {
      int id = data[at + 1 + 2 * i] & 0xff;
      int dc = (data[at + 2 + 2 * i] & 0xff) >> 4;
      int ac = data[at + 2 + 2 * i] & 0x0f;
      Component component = null;
      for (Component c : frame) {
        if (c.id() == id) {
          component = c;
        }
      }
      for (int j = 0; j < i; j++) {
        if (scan[j].id() == id) {
          return null;
        }
      }
      if (component == null || dc > 3 || ac > 3 || dcTables[dc] == null || acTables[ac] == null) {
        return null;
      }
      scan[i] = component.withTables(dcTables[dc], acTables[ac]);
      blocks += component.h() * component.v();
    }
    int spectral = at + 1 + 2 * count;
    boolean sequential = data[spectral] == 0 && data[spectral + 1] == 63 && data[spectral + 2] == 0;
    return sequential && (count == 1 || blocks <= 10) ? scan : null;
  }

  /**
   * Whether the first component is the picture's luminance: one component (grey), or three that the
   * file says are YCbCr: a JFIF marker or Adobe's transform 1, and without either the usual ids 1, 2,
   * 3 with the chroma subsampled (the JDK's reader takes three full-size components with no marker
   * for RGB). Adobe's transform 0 and ids R, G, B mean RGB.
   */
  private static boolean yCbCrOrGrey(Component[] frame, boolean jfif, int adobeTransform) {
    if (frame.length == 1) {
      return true;
    }
    boolean rgbIds = frame[0].id() == 'R' && frame[1].id() == 'G' && frame[2].id() == 'B';
    if (rgbIds || adobeTransform == 0 || adobeTransform > 1) {
      return false;
    }
    if (jfif || adobeTransform == 1) {
      return true;
    }
    boolean subsampled = frame[1].h() != frame[0].h() || frame[1].v() != frame[0].v()
        || frame[2].h() != frame[0].h() || frame[2].v() != frame[0].v();
    return frame[0].id() == 1 && frame[1].id() == 2 && frame[2].id() == 3 && subsampled;
  }

  private static int u16(byte[] data, int at) {
    return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
  }

  private static boolean startsWith(byte[] data, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (data[at + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
