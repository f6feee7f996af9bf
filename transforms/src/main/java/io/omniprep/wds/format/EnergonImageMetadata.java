package io.omniprep.wds.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code media_metadata} row Energon 7's {@code prepare --media-metadata-by-extension} makes
 * for an image, from the image's header alone (no pixel is decoded): type {@code image} and the
 * JSON {@code {"width":W,"height":H,"format":F,"mode":M}} with Pillow's format and mode names, keys
 * in that order and no spaces, as Energon serialises its {@code ImageMetadata}.
 *
 * <p>Covered: JPEG (the start-of-frame segment: 1 component is {@code L}, 3 {@code RGB}, 4 {@code
 * CMYK}), PNG (IHDR bit depth and colour type, mapped as Pillow maps them; 16-bit grey is {@code
 * I;16}, as Pillow 10+ names it), WebP ({@code RGB}, or {@code RGBA} when the VP8L or VP8X header
 * says the image has alpha), GIF and BMP (as Pillow opens them: see the methods reading them).
 * Sizes are as stored (EXIF orientation is not applied, nor does Pillow apply it on open). A header
 * Pillow would refuse gives no row, as Energon stores none for an image Pillow cannot identify.
 */
public final class EnergonImageMetadata {
  /** A JPEG's frame header lies after its EXIF and ICC segments; larger heads are not searched. */
  public static final int HEAD_LIMIT = 4 << 20;
  /** Energon's image suffixes that a header reader here covers. */
  static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "gif", "bmp");

  private EnergonImageMetadata() {}

  /** The metadata of the image whose first {@code length} bytes are {@code head}, or null. */
  public static EnergonIndexRows.@Nullable Media of(byte[] head, int length) {
    try {
      if (length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
        return png(head, length);
      }
      if (length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
        return jpeg(head, length);
      }
      if (length >= 16 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
        return webp(head, length);
      }
      if (length >= 13 && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) {
        return gif(exact(head, length), length); // these walk the head: nothing past it may be read
      }
      if (length >= 18 && head[0] == 'B' && head[1] == 'M') {
        return bmp(exact(head, length), length);
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      return null; // the head ends before the size
    }
    return null;
  }

  private static EnergonIndexRows.@Nullable Media png(byte[] h, int length) {
    if (length < 26 || !ascii(h, 12, 4).equals("IHDR")) {
      return null;
    }
    int bits = h[24] & 0xff;
    int colour = h[25] & 0xff;
    String mode;
    switch (colour) {
      case 0:
        mode = bits == 1 ? "1" : bits == 16 ? "I;16" : (bits == 2 || bits == 4 || bits == 8) ? "L" : null;
        break;
      case 2:
        mode = bits == 8 || bits == 16 ? "RGB" : null;
        break;
      case 3:
        mode = bits == 1 || bits == 2 || bits == 4 || bits == 8 ? "P" : null;
        break;
      case 4:
        mode = bits == 8 || bits == 16 ? "LA" : null;
        break;
      case 6:
        mode = bits == 8 || bits == 16 ? "RGBA" : null;
        break;
      default:
        mode = null;
    }
    return mode == null ? null : sized(be32(h, 16), be32(h, 20), "PNG", mode);
  }

  /** Walks the segments after SOI up to the first start-of-frame within the head. */
  private static EnergonIndexRows.@Nullable Media jpeg(byte[] h, int length) {
    int at = 2;
    while (at + 4 <= length) {
      if ((h[at] & 0xff) != 0xFF) {
        return null;
      }
      int marker = h[at + 1] & 0xff;
      if (marker == 0xFF) {
        at++; // fill byte
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        at += 2;
        continue;
      }
      if (marker == 0xD9 || marker == 0xDA) {
        return null; // no frame header before the scan
      }
      int segment = ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
      if (segment < 2) {
        return null;
      }
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        if (at + 10 > length || (h[at + 4] & 0xff) != 8) {
          return null; // Pillow reads 8-bit samples only
        }
        long height = ((h[at + 5] & 0xff) << 8) | (h[at + 6] & 0xff);
        long width = ((h[at + 7] & 0xff) << 8) | (h[at + 8] & 0xff);
        int components = h[at + 9] & 0xff;
        String mode = components == 1 ? "L" : components == 3 ? "RGB" : components == 4 ? "CMYK" : null;
        return mode == null ? null : sized(width, height, "JPEG", mode);
      }
      at += 2 + segment;
    }
    return null;
  }

  private static EnergonIndexRows.@Nullable Media webp(byte[] h, int length) {
    if (length < 30) {
      return null;
    }
    switch (ascii(h, 12, 4)) {
      case "VP8 ": // lossy key frame: start code 9d 01 2a, then 14-bit sizes
        if ((h[23] & 0xff) != 0x9d || (h[24] & 0xff) != 0x01 || (h[25] & 0xff) != 0x2a) {
          return null;
        }
        return sized(le16(h, 26) & 0x3fff, le16(h, 28) & 0x3fff, "WEBP", "RGB");
      case "VP8L": { // lossless: signature 0x2f, 14-bit width-1 and height-1, alpha-used bit
        if ((h[20] & 0xff) != 0x2f) {
          return null;
        }
        long bits = le32(h, 21);
        boolean alpha = ((bits >>> 28) & 1) != 0;
        return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1, "WEBP", alpha ? "RGBA" : "RGB");
      }
      case "VP8X": { // extended: flags (alpha 0x10), 24-bit canvas width-1 and height-1
        boolean alpha = (h[20] & 0x10) != 0;
        return sized(le24(h, 24) + 1, le24(h, 27) + 1, "WEBP", alpha ? "RGBA" : "RGB");
      }
      default:
        return null;
    }
  }

  /**
   * GIF as Pillow (9.x) opens it, up to the first image: the size is the logical screen's, grown to
   * the first image's extent; the mode is {@code P} when the palette that image uses (its own, else
   * the global one) is not the grey ramp 0, 1, 2..., else {@code L} (no palette is {@code L} too).
   */
  private static EnergonIndexRows.@Nullable Media gif(byte[] h, int length) {
    long width = le16(h, 6);
    long height = le16(h, 8);
    int flags = h[10] & 0xff;
    int at = 13;
    boolean globalColours = false;
    if ((flags & 0x80) != 0) {
      int n = 3 << ((flags & 7) + 1);
      globalColours = colourPalette(h, at, n, length);
      at += n;
    }
    while (at < length) {
      int tag = h[at] & 0xff;
      if (tag == ';') {
        return null; // no image: Pillow cannot open it
      }
      if (tag == '!') {
        int label = h[at + 1] & 0xff;
        at += 2;
        int first = h[at] & 0xff;
        if (label == 0xF9 && (first < 3 || ((h[at + 1] & 1) != 0 && first < 4))) {
          return null; // a graphic control block too short for Pillow
        }
        if (label == 0xFF && (first == 0
            || (first >= 11 && ascii(h, at + 1, 11).equals("NETSCAPE2.0") && (h[at + first + 1] & 0xff) == 0))) {
          return null; // Pillow reads an application block (and a loop block after NETSCAPE2.0) that is not there
        }
        if (label != 0xFE) {
          at += first + 1; // Pillow takes the first block even when it is the terminator, then skips blocks to the next one
        }
        while ((h[at] & 0xff) != 0) {
          at += (h[at] & 0xff) + 1;
        }
        at++;
      } else if (tag == ',') {
        if (at + 10 >= length) {
          return null;
        }
        width = Math.max(width, le16(h, at + 1) + (long) le16(h, at + 5));
        height = Math.max(height, le16(h, at + 3) + (long) le16(h, at + 7));
        int local = h[at + 9] & 0xff;
        boolean colours = globalColours;
        if ((local & 0x80) != 0) {
          int n = 3 << ((local & 7) + 1);
          if (at + 10 + n >= length) {
            return null;
          }
          colours = colourPalette(h, at + 10, n, length);
        }
        return sized(width, height, "GIF", colours ? "P" : "L");
      } else {
        at++; // Pillow skips a stray byte
      }
    }
    return null;
  }

  /** Whether a palette of {@code n} bytes at {@code at} is anything but the grey ramp. */
  private static boolean colourPalette(byte[] h, int at, int n, int length) {
    if (at + n > length) {
      throw new ArrayIndexOutOfBoundsException("palette past the head");
    }
    for (int i = 0; i < n; i += 3) {
      int v = i / 3;
      if ((h[at + i] & 0xff) != v || (h[at + i + 1] & 0xff) != v || (h[at + i + 2] & 0xff) != v) {
        return true;
      }
    }
    return false;
  }

  /**
   * BMP as Pillow (9.x) opens it: OS/2 (12-byte) and Windows (40, 64, 108, 124-byte) headers; 1, 4
   * and 8 bits are {@code P}, or {@code 1} / {@code L} when the palette is black and white / the
   * grey ramp; 16 and 24 bits {@code RGB}; 32 bits {@code RGB}, or {@code RGBA} when its bit fields
   * include alpha. A negative (top-down) height counts as its magnitude. Compressions Pillow does
   * not read (JPEG, PNG, unknown bit fields) give no row.
   */
  private static EnergonIndexRows.@Nullable Media bmp(byte[] h, int length) {
    long headerSize = le32(h, 14);
    if (14 + headerSize > length) {
      return null;
    }
    long width;
    long height;
    int bits;
    long compression;
    long colours = 0;
    int padding;
    if (headerSize == 12) {
      width = le16(h, 18);
      height = le16(h, 20);
      bits = le16(h, 24);
      compression = 0;
      padding = 3;
    } else if (headerSize == 40 || headerSize == 64 || headerSize == 108 || headerSize == 124) {
      width = le32(h, 18);
      height = (h[25] & 0xff) == 0xFF ? (1L << 32) - le32(h, 22) : le32(h, 22);
      bits = le16(h, 28);
      compression = le32(h, 30);
      colours = le32(h, 46);
      padding = 4;
    } else {
      return null;
    }
    if (colours == 0) {
      colours = 1L << Math.min(bits, 62);
    }
    String mode;
    switch (bits) {
      case 1: case 4: case 8:
        mode = "P";
        break;
      case 16: case 24: case 32:
        mode = "RGB";
        break;
      default:
        return null;
    }
    if (compression == 3) { // bit fields: masks after the 40-byte part of the header
      if (54 + 12 > length) {
        return null;
      }
      long r = le32(h, 54);
      long g = le32(h, 58);
      long b = le32(h, 62);
      long a = headerSize >= 56 ? le32(h, 66) : 0;
      if (bits == 32) {
        mode = bmpMode32(r, g, b, a);
      } else if (!((bits == 24 && r == 0xFF0000 && g == 0xFF00 && b == 0xFF)
          || (bits == 16 && ((r == 0xF800 && g == 0x7E0 && b == 0x1F) || (r == 0x7C00 && g == 0x3E0 && b == 0x1F))))) {
        return null;
      }
      if (mode == null) {
        return null;
      }
    } else if (compression != 0 && compression != 1 && compression != 2) {
      return null;
    }
    if (mode.equals("P")) {
      if (colours <= 0 || colours > 65536) {
        return null;
      }
      long at = 14 + headerSize;
      boolean grey = true;
      for (int i = 0; i < colours && grey; i++) {
        int v = colours == 2 ? (i == 0 ? 0 : 255) : i & 0xff;
        long e = at + (long) i * padding;
        grey = e + 3 <= length && (h[(int) e] & 0xff) == v && (h[(int) e + 1] & 0xff) == v && (h[(int) e + 2] & 0xff) == v;
      }
      if (grey) {
        mode = colours == 2 ? "1" : "L";
      }
    }
    return sized(width, height, "BMP", mode);
  }

  /** The 32-bit bit-field layouts Pillow reads: alpha ones are RGBA, the others RGB; else null. */
  private static @Nullable String bmpMode32(long r, long g, long b, long a) {
    if (a == 0 && ((r == 0xFF0000 && g == 0xFF00 && b == 0xFF) || (r == 0xFF000000L && g == 0xFF0000 && b == 0xFF00))) {
      return "RGB";
    }
    boolean alpha = (r == 0xFF000000L && g == 0xFF0000 && b == 0xFF00 && a == 0xFF)
        || (r == 0xFF && g == 0xFF00 && b == 0xFF0000 && a == 0xFF000000L)
        || (r == 0xFF0000 && g == 0xFF00 && b == 0xFF && a == 0xFF000000L)
        || (r == 0 && g == 0 && b == 0 && a == 0);
    return alpha ? "RGBA" : null;
  }

  private static EnergonIndexRows.@Nullable Media sized(long width, long height, String format, String mode) {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return null;
    }
    return new EnergonIndexRows.Media("image",
        "{\"width\":" + width + ",\"height\":" + height + ",\"format\":\"" + format + "\",\"mode\":\"" + mode + "\"}");
  }

  private static byte[] exact(byte[] h, int length) {
    return h.length == length ? h : Arrays.copyOf(h, length);
  }

  private static String ascii(byte[] h, int at, int n) {
    return new String(h, at, n, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static long be32(byte[] h, int at) {
    return ((long) (h[at] & 0xff) << 24) | ((h[at + 1] & 0xff) << 16) | ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
  }

  private static int le16(byte[] h, int at) {
    return (h[at] & 0xff) | ((h[at + 1] & 0xff) << 8);
  }

  private static long le24(byte[] h, int at) {
    return (h[at] & 0xff) | ((h[at + 1] & 0xff) << 8) | ((long) (h[at + 2] & 0xff) << 16);
  }

  private static long le32(byte[] h, int at) {
    return le24(h, at) | ((long) (h[at + 3] & 0xff) << 24);
  }

  /**
   * Passes a member's bytes through to {@code out} and reads the image's metadata from them on the
   * way: a member written in one call (an image held in memory) is read in place, without a copy;
   * one written in pieces has its first {@link #HEAD_LIMIT} bytes kept for it.
   */
  public static final class HeadCapture extends EnergonMediaMetadata.Capture {
    private final OutputStream out;
    private final long size;
    private byte[] head = new byte[0];
    private int length;
    private boolean done;
    private EnergonIndexRows.@Nullable Media result;

    public HeadCapture(OutputStream out, long size) {
      this.out = Objects.requireNonNull(out, "out");
      this.size = size;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (done) {
        return;
      }
      if (length == 0 && off == 0 && len >= size) {
        result = of(b, len); // the whole member at once
        done = true;
        return;
      }
      int keep = Math.min(len, HEAD_LIMIT - length);
      if (length + keep > head.length) {
        head = Arrays.copyOf(head, (int) Math.min(Math.min(size, HEAD_LIMIT), Math.max(length + keep, head.length * 2L)));
      }
      System.arraycopy(b, off, head, length, keep);
      length += keep;
      if (length >= size || length >= HEAD_LIMIT) {
        finish();
      }
    }

    private void finish() {
      result = of(head, length);
      head = null;
      done = true;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    /** The metadata of the image written, or null. */
    @Override
    public EnergonIndexRows.@Nullable Media metadata() {
      if (!done) {
        finish();
      }
      return result;
    }
  }
}
