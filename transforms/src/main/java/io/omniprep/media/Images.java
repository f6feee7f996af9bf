package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Image bytes as the writers need them: a cheap completeness check on every image (a truncated
 * file is the common corruption, and it is caught without decoding), and conversion to JPEG for
 * layouts that store JPEG.
 */
public final class Images {
  /** A JPEG may carry padding or junk after its end marker; it must end within this many bytes. */
  private static final int TRAILER_SLACK = 4096;

  private Images() {}

  /**
   * Refuses bytes that are not a known image, or are cut short: a JPEG without its end-of-image
   * marker, a PNG without its IEND chunk. Other formats are checked when decoded.
   */
  public static ImageFormat check(byte[] bytes, String what) throws MediaException {
    ImageFormat format = ImageFormat.sniff(bytes);
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
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(bytes));
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
   * Decodes what the JDK reads (JPEG, PNG, GIF, BMP; not WebP or CMYK JPEG).
   */
  public static byte[] toPng(byte[] encoded) throws MediaException {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(encoded));
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
