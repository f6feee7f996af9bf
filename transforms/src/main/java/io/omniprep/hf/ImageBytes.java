package io.omniprep.hf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Encoded image bytes: telling their format from the first bytes, and re-encoding them as PNG. */
public final class ImageBytes {
  private ImageBytes() {}

  /**
   * The file extension of the format the bytes start with: {@code jpg}, {@code png}, {@code gif},
   * {@code webp}, {@code bmp} or {@code tif}; empty if none of these.
   */
  public static Optional<String> extension(byte[] b) {
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("jpg");
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("png");
    }
    if (startsWith(b, 'G', 'I', 'F', '8')) {
      return Optional.of("gif");
    }
    if (startsWith(b, 'R', 'I', 'F', 'F')
        && b.length >= 12
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return Optional.of("webp");
    }
    if (startsWith(b, 'B', 'M')) {
      return Optional.of("bmp");
    }
    if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) {
      return Optional.of("tif");
    }
    return Optional.empty();
  }

  /**
   * The image decoded and written as PNG, as the reference's PIL {@code save(...png)} does. Decodes
   * what Java's ImageIO reads (JPEG, PNG, GIF, BMP, WBMP; not WebP or CMYK JPEG).
   *
   * @throws IOException when the bytes are not an image ImageIO can decode
   */
  public static byte[] toPng(byte[] encoded) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
    if (image == null) {
      throw new IOException(
          "not an image format that can be decoded ("
              + extension(encoded).map(e -> e + " is not supported").orElse("unknown format")
              + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + 1024);
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("cannot write this image as PNG");
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
