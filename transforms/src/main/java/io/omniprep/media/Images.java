package io.omniprep.media;

import io.omniprep.errors.Reason;
import io.omniprep.report.ImageHeaders;
import io.omniprep.report.SampleProfile.ImageFacts;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Image bytes as the writers need them: a cheap completeness check on every image (a truncated
 * file is the common corruption, and it is caught without decoding), and conversion to JPEG for
 * layouts that store JPEG. The pixel limit against decompression bombs is checked from the
 * header alone, by the media resolver, before any of this runs.
 */
public final class Images {
  /** A JPEG may carry padding or junk after its end marker; it must end within this many bytes. */
  private static final int TRAILER_SLACK = 4096;

  /**
   * The default limit on an image's pixels: PIL's {@code Image.MAX_IMAGE_PIXELS} ({@code 1024 * 1024
   * * 1024 // 4 // 3}), past which PIL itself warns of a decompression bomb.
   */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

  /** Bytes sniffed before handing the stream to the header reader. */
  private static final int HEAD = 32;

  /** How far into a TIFF its first directory, or a GIF its first frame, may sit (as {@link ImageHeaders} for JPEG). */
  private static final int SCAN_LIMIT = 4 << 20;

  private Images() {}

  /**
   * Refuses the image {@code in} starts with when its header claims more than {@code maxPixels}
   * pixels (width times height, as stored), reading the header only, never the pixels: the check
   * that comes before any decode, against decompression bombs (a 633-byte JPEG can claim
   * 60000x60000). An image whose size cannot be read (no known format, a damaged header) passes:
   * it is left to {@link #check}, and this class refuses to decode it. The stream is left
   * part-read.
   */
  public static void requirePixelsAtMost(InputStream in, long maxPixels, String what) throws MediaException, IOException {
    byte[] head = in.readNBytes(HEAD);
    long[] size = headerSize(head, in);
    if (size != null) {
      requireAtMost(size, ImageFormat.sniff(head), maxPixels, what);
    }
  }

  /**
   * Width and height of the image {@code in} starts with, as its header states them (see {@link
   * #requirePixelsAtMost}), or null when they cannot be read; the stream is left part-read.
   */
  public static long @Nullable [] headerSize(InputStream in) throws IOException {
    return headerSize(in.readNBytes(HEAD), in);
  }

  /**
   * The same where a decode follows at once: an image whose size cannot be read from its header is
   * corrupt rather than left to the decoder.
   */
  static void requireDecodable(byte[] bytes, long maxPixels, String what) throws MediaException {
    long[] size;
    try {
      InputStream in = new ByteArrayInputStream(bytes);
      size = headerSize(in.readNBytes(HEAD), in);
    } catch (IOException e) {
      size = null;
    }
    if (size == null) {
      throw new MediaException(
          Reason.MEDIA_CORRUPT, what + ": cannot read the " + ImageFormat.sniff(bytes) + " image's size from its header");
    }
    requireAtMost(size, ImageFormat.sniff(bytes), maxPixels, what);
  }

  private static void requireAtMost(long[] size, ImageFormat format, long maxPixels, String what) throws MediaException {
    long pixels = size[0] * size[1];
    if (pixels > maxPixels) {
      throw new MediaException(
          Reason.IMAGE_TOO_LARGE,
          what + ": " + format + " image of " + size[0] + "x" + size[1] + " = " + pixels
              + " pixels, over the limit of " + maxPixels + " (--maxImagePixels)");
    }
  }

  /**
   * Width and height as the header states them, or null when they cannot be read: JPEG, PNG, BMP
   * and WebP by {@link ImageHeaders}, TIFF (first directory) and GIF (the larger of the logical
   * screen and the first frame, which is what a decoder allocates) here.
   */
  private static long @Nullable [] headerSize(byte[] head, InputStream rest) throws IOException {
    switch (ImageFormat.sniff(head)) {
      case UNKNOWN:
        return null;
      case TIFF:
        return tiffSize(head, rest);
      case GIF:
        return gifSize(head, rest);
      default:
        ImageFacts facts = ImageHeaders.read(new SequenceInputStream(new ByteArrayInputStream(head), rest));
        return facts.readable() ? new long[] {facts.width(), facts.height()} : null;
    }
  }

  /** GIF: the logical screen (bytes 6-9), then blocks up to the first image descriptor. */
  private static long @Nullable [] gifSize(byte[] head, InputStream rest) throws IOException {
    if (head.length < 13) {
      return null;
    }
    long screenWidth = (head[6] & 0xff) | ((head[7] & 0xff) << 8);
    long screenHeight = (head[8] & 0xff) | ((head[9] & 0xff) << 8);
    int packed = head[10] & 0xff;
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(head, 13, head.length - 13), rest);
    try {
      long read = 0;
      if ((packed & 0x80) != 0) {
        int table = 3 << ((packed & 7) + 1);
        in.skipNBytes(table);
        read += table;
      }
      while (read < SCAN_LIMIT) {
        int block = in.read();
        if (block == 0x2C) { // image descriptor: left, top, width, height
          byte[] d = in.readNBytes(8);
          if (d.length < 8) {
            return null;
          }
          long width = (d[4] & 0xff) | ((d[5] & 0xff) << 8);
          long height = (d[6] & 0xff) | ((d[7] & 0xff) << 8);
          return new long[] {Math.max(screenWidth, width), Math.max(screenHeight, height)};
        }
        if (block != 0x21) { // not an extension: the trailer, the end, or damage before any frame
          return null;
        }
        in.skipNBytes(1); // label
        read += 2;
        for (int size = in.read(); size != 0; size = in.read()) {
          if (size < 0) {
            return null;
          }
          in.skipNBytes(size);
          read += size + 1;
        }
      }
      return null;
    } catch (EOFException e) {
      return null;
    }
  }

  /**
   * Width and height of a TIFF's first image (tags ImageWidth 256 and ImageLength 257 of its first
   * directory, SHORT or LONG), or null when they cannot be read.
   */
  private static long @Nullable [] tiffSize(byte[] head, InputStream rest) throws IOException {
    if (head.length < 8) {
      return null;
    }
    ByteOrder order = head[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    long ifd = ByteBuffer.wrap(head, 4, 4).order(order).getInt() & 0xFFFFFFFFL;
    if (ifd < 8 || ifd > SCAN_LIMIT) {
      return null;
    }
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(head, 8, head.length - 8), rest);
    try {
      in.skipNBytes(ifd - 8);
    } catch (EOFException e) {
      return null;
    }
    byte[] count = in.readNBytes(2);
    if (count.length < 2) {
      return null;
    }
    int entries = ByteBuffer.wrap(count).order(order).getShort() & 0xFFFF;
    byte[] table = in.readNBytes(entries * 12);
    if (table.length < entries * 12) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(table).order(order);
    long width = -1;
    long height = -1;
    for (int i = 0; i < entries; i++) {
      int at = i * 12;
      int tag = b.getShort(at) & 0xFFFF;
      int type = b.getShort(at + 2) & 0xFFFF;
      long value = type == 3 ? b.getShort(at + 8) & 0xFFFF : type == 4 ? b.getInt(at + 8) & 0xFFFFFFFFL : -1;
      if (tag == 256) {
        width = value;
      } else if (tag == 257) {
        height = value;
      }
    }
    return width > 0 && height > 0 ? new long[] {width, height} : null;
  }

  /**
   * Refuses bytes that are not a known image, or are cut short: a JPEG without its end-of-image
   * marker, a PNG without its IEND chunk. Other formats are checked when decoded.
   */
  public static ImageFormat check(byte[] bytes, String what) throws MediaException {
    return check(bytes, bytes, what);
  }

  /** The bytes {@link #check(byte[], byte[], String)} needs from the start of an image. */
  public static final int HEAD_BYTES = HEAD;

  /** The bytes {@link #check(byte[], byte[], String)} needs from the end of an image. */
  public static final int TAIL_BYTES = 8 + TRAILER_SLACK + 4;

  /**
   * {@link #check(byte[], String)} from the image's first {@link #HEAD_BYTES} bytes and its last
   * {@link #TAIL_BYTES} (fewer when the image is shorter), without reading the rest: the same
   * verdict for a fraction of the reading.
   */
  public static ImageFormat check(byte[] head, byte[] tail, String what) throws MediaException {
    ImageFormat format = ImageFormat.sniff(head);
    byte[] bytes = tail;
    switch (format) {
      case JPEG:
        if (!endsWithin(bytes, new byte[] {(byte) 0xFF, (byte) 0xD9}, TRAILER_SLACK)) {
          throw new MediaException(Reason.MEDIA_CORRUPT, what + ": JPEG is truncated (no end-of-image marker)");
        }
        break;
      case PNG:
        if (!endsWithin(bytes, new byte[] {'I', 'E', 'N', 'D'}, 8 + TRAILER_SLACK)) {
          throw new MediaException(Reason.MEDIA_CORRUPT, what + ": PNG is truncated (no IEND chunk)");
        }
        break;
      case UNKNOWN:
        throw new MediaException(Reason.MEDIA_CORRUPT, what + ": not a JPEG, PNG, GIF, WebP or BMP image");
      default:
        break;
    }
    return format;
  }

  /** Whether {@code marker} occurs in the last {@code slack} bytes. */
  private static boolean endsWithin(byte[] bytes, byte[] marker, int slack) {
    int from = Math.max(0, bytes.length - slack - marker.length);
    for (int i = bytes.length - marker.length; i >= from; i--) {
      boolean match = true;
      for (int j = 0; j < marker.length && match; j++) {
        match = bytes[i + j] == marker[j];
      }
      if (match) {
        return true;
      }
    }
    return false;
  }

  /**
   * JPEG bytes for an image: a JPEG is returned as it is (its bytes, so colours and quality are
   * untouched); anything else is decoded and encoded at {@code quality}, with transparency laid
   * over white.
   */
  public static byte[] asJpeg(byte[] bytes, int quality, String what) throws MediaException {
    ImageFormat format = check(bytes, what);
    if (format == ImageFormat.JPEG) {
      return bytes;
    }
    // The resolver has refused images over --maxImagePixels; one whose size it could not read is
    // not decoded blind.
    requireDecodable(bytes, Long.MAX_VALUE, what);
    BufferedImage decoded;
    try {
      decoded = decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": cannot decode " + format + ": " + e.getMessage(), e);
    }
    if (decoded == null) {
      throw new MediaException(Reason.MEDIA_CORRUPT, what + ": no decoder for " + format + " images");
    }
    return encodeJpeg(flatten(decoded), quality);
  }

  /**
   * The image decoded and written as PNG, as EMOVA's converter (PIL {@code save(...png)}) does.
   * Decodes what the JDK reads (JPEG, PNG, GIF, BMP; not WebP or CMYK JPEG). Images over {@link
   * #DEFAULT_MAX_PIXELS} are refused before decoding (these bytes come from a table, not through
   * the media resolver and its configurable limit).
   */
  public static byte[] toPng(byte[] encoded) throws MediaException {
    requireDecodable(encoded, DEFAULT_MAX_PIXELS, "image");
    BufferedImage image;
    try {
      image = decode(encoded);
    } catch (IOException | RuntimeException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, "cannot decode " + ImageFormat.sniff(encoded) + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new MediaException(Reason.MEDIA_CORRUPT, "no decoder for " + ImageFormat.sniff(encoded) + " images");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new MediaException(Reason.MEDIA_CORRUPT, "cannot write this image as PNG");
      }
    } catch (IOException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, "cannot write this image as PNG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes with a reader of its own (ImageIO makes one per call: nothing is shared between
   * threads, see ConcurrentDecodeTest) over a stream cached in memory: {@code ImageIO.read} of an
   * InputStream would cache every image in a temporary file, which a cleaner of the temporary
   * folder or a full disk turns into a sporadic decoding failure.
   */
  static @Nullable BufferedImage decode(byte[] bytes) throws IOException {
    ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    BufferedImage image = ImageIO.read(in); // closes the stream, unless it finds no reader
    if (image == null) {
      in.close();
    }
    return image;
  }

  /** An opaque RGB copy, with any transparency composited over white. */
  static BufferedImage flatten(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  /** Baseline JPEG at {@code quality} (1-100) with the JDK's encoder, which is deterministic. */
  public static byte[] encodeJpeg(BufferedImage image, int quality) throws MediaException {
    try (JpegEncoder encoder = new JpegEncoder(Math.max(1, Math.min(100, quality)))) {
      return encoder.encode(image);
    } catch (IOException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, "cannot encode JPEG: " + e.getMessage(), e);
    }
  }
}
