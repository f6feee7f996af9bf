package io.omniprep.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * An image's stored width and height from its header alone, never decoding pixels: JPEG (the SOF
 * segment, skipping the segments before it), PNG (IHDR), GIF (logical screen), BMP (DIB header) and
 * WebP (VP8, VP8L, VP8X). Reads at most {@value #JPEG_SCAN_LIMIT} bytes (a JPEG whose EXIF and ICC
 * segments push its SOF further is reported unreadable); usually a few dozen. Sizes are as stored:
 * an EXIF orientation is not applied.
 */
public final class ImageHeaders {
  static final int JPEG_SCAN_LIMIT = 4 << 20;
  private static final int SNIFF = 32;

  private ImageHeaders() {}

  /** The facts of the image {@code in} starts with; the stream is left part-read. */
  public static ImageFacts read(InputStream in) throws IOException {
    byte[] head = in.readNBytes(SNIFF);
    ImageFormat format = ImageFormat.sniff(head);
    String name = format == ImageFormat.UNKNOWN ? "unknown" : format.name().toLowerCase(Locale.ROOT);
    try {
      switch (format) {
        case PNG:
          return sized(name, int32(head, 16), int32(head, 20));
        case GIF:
          return sized(name, u16le(head, 6), u16le(head, 8));
        case BMP:
          return bmp(name, head);
        case WEBP:
          return webp(name, head);
        case JPEG:
          return jpeg(name, head, in);
        default:
          return ImageFacts.unreadable(name);
      }
    } catch (ArrayIndexOutOfBoundsException | EOFException e) {
      return ImageFacts.unreadable(name); // cut short before the size
    }
  }

  private static ImageFacts sized(String format, long width, long height) {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return ImageFacts.unreadable(format);
    }
    return new ImageFacts(format, (int) width, (int) height);
  }

  private static ImageFacts bmp(String format, byte[] h) {
    long dibSize = u32le(h, 14);
    if (dibSize == 12) { // BITMAPCOREHEADER: 16-bit sizes
      return sized(format, u16le(h, 18), u16le(h, 20));
    }
    return sized(format, Math.abs((long) (int) u32le(h, 18)), Math.abs((long) (int) u32le(h, 22))); // negative: top-down
  }

  private static ImageFacts webp(String format, byte[] h) {
    String chunk = new String(h, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
    switch (chunk) {
      case "VP8 ": // lossy: a key frame's 14-bit sizes after the start code 9d 01 2a
        if ((h[23] & 0xff) != 0x9d || (h[24] & 0xff) != 0x01 || (h[25] & 0xff) != 0x2a) {
          return ImageFacts.unreadable(format);
        }
        return sized(format, u16le(h, 26) & 0x3fff, u16le(h, 28) & 0x3fff);
      case "VP8L": { // lossless: signature 0x2f, then 14-bit width-1 and height-1
        if ((h[20] & 0xff) != 0x2f) {
          return ImageFacts.unreadable(format);
        }
        long bits = u32le(h, 21);
        return sized(format, (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      }
      case "VP8X": // extended: 24-bit canvas width-1 and height-1
        return sized(format, u24le(h, 24) + 1, u24le(h, 27) + 1);
      default:
        return ImageFacts.unreadable(format);
    }
  }

  /** Walks the segments after SOI (the first two bytes of {@code head}) up to a start-of-frame. */
  private static ImageFacts jpeg(String format, byte[] head, InputStream rest) throws IOException {
    ByteSource in = new ByteSource(head, 2, rest);
    while (in.position() < JPEG_SCAN_LIMIT) {
      int b = in.next();
      if (b != 0xFF) {
        return ImageFacts.unreadable(format); // not at a marker: damaged
      }
      int marker = in.next();
      while (marker == 0xFF) { // fill bytes
        marker = in.next();
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // no length
      }
      if (marker == 0xD9 || marker == 0xDA) {
        return ImageFacts.unreadable(format); // end of image or scan data before any frame header
      }
      int length = (in.next() << 8) | in.next();
      if (length < 2) {
        return ImageFacts.unreadable(format);
      }
      if (isStartOfFrame(marker)) {
        in.next(); // sample precision
        int height = (in.next() << 8) | in.next();
        int width = (in.next() << 8) | in.next();
        return sized(format, width, height);
      }
      in.skip(length - 2);
    }
    return ImageFacts.unreadable(format);
  }

  /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static long int32(byte[] h, int at) {
    return ((long) (h[at] & 0xff) << 24) | ((h[at + 1] & 0xff) << 16) | ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
  }

  private static int u16le(byte[] h, int at) {
    return (h[at] & 0xff) | ((h[at + 1] & 0xff) << 8);
  }

  private static long u24le(byte[] h, int at) {
    return (h[at] & 0xff) | ((h[at + 1] & 0xff) << 8) | ((long) (h[at + 2] & 0xff) << 16);
  }

  private static long u32le(byte[] h, int at) {
    return u24le(h, at) | ((long) (h[at + 3] & 0xff) << 24);
  }

  /** The sniffed head, then the rest of the stream; counts bytes consumed. */
  private static final class ByteSource {
    private final byte[] head;
    private final InputStream rest;
    private int next;
    private long position;

    ByteSource(byte[] head, int start, InputStream rest) {
      this.head = head;
      this.rest = rest;
      this.next = start;
      this.position = start;
    }

    long position() {
      return position;
    }

    int next() throws IOException {
      position++;
      if (next < head.length) {
        return head[next++] & 0xff;
      }
      int b = rest.read();
      if (b < 0) {
        throw new EOFException();
      }
      return b;
    }

    void skip(long n) throws IOException {
      long fromHead = Math.min(n, head.length - next);
      next += (int) fromHead;
      position += n;
      long left = n - fromHead;
      while (left > 0) {
        long skipped = rest.skip(left);
        if (skipped <= 0) {
          if (rest.read() < 0) {
            throw new EOFException();
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }
  }
}
