package io.omniprep.wds.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
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
 * I;16}, as Pillow 10+ names it) and WebP ({@code RGB}, or {@code RGBA} when the VP8L or VP8X
 * header says the image has alpha). Sizes are as stored (EXIF orientation is not applied, nor does
 * Pillow apply it on open). GIF and BMP are left out: Pillow's mode for them depends on the palette
 * and compression in ways a header-only reader would guess at; such members, audio and video get
 * no row (Energon's {@code get_media_metadata} raises {@code KeyError} for them).
 */
public final class EnergonImageMetadata {
  /** A JPEG's frame header lies after its EXIF and ICC segments; larger heads are not searched. */
  public static final int HEAD_LIMIT = 4 << 20;
  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp");

  private EnergonImageMetadata() {}

  /**
   * Whether a member gets image metadata: its last extension, lower-cased, is one Energon takes
   * for an image and one this class reads (Energon guesses by {@code Path(name).suffix}).
   */
  public static boolean considered(String memberName) {
    int slash = memberName.lastIndexOf('/');
    int dot = memberName.lastIndexOf('.');
    if (dot <= slash + 1) {
      return false; // no suffix (".hidden" has none either, as for Python's Path)
    }
    return EXTENSIONS.contains(memberName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

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

  private static EnergonIndexRows.@Nullable Media sized(long width, long height, String format, String mode) {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return null;
    }
    return new EnergonIndexRows.Media("image",
        "{\"width\":" + width + ",\"height\":" + height + ",\"format\":\"" + format + "\",\"mode\":\"" + mode + "\"}");
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
  public static final class HeadCapture extends OutputStream {
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

    /** Does not close the member stream: its owner does. */
    @Override
    public void close() {}

    /** The metadata of the image written, or null. */
    public EnergonIndexRows.@Nullable Media metadata() {
      if (!done) {
        finish();
      }
      return result;
    }
  }
}
