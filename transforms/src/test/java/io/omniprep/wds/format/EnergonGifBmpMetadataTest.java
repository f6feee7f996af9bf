package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * GIF and BMP rows of {@code media_metadata} as Pillow opens the files: fixtures written by
 * ImageIO (sizes and pixel formats chosen here) and headers built by hand for the cases ImageIO
 * does not write; the expected modes follow Pillow's rules for what each fixture holds.
 */
class EnergonGifBmpMetadataTest {
  private static String row(int width, int height, String format, String mode) {
    return "{\"width\":" + width + ",\"height\":" + height + ",\"format\":\"" + format + "\",\"mode\":\"" + mode + "\"}";
  }

  private static String meta(byte[] b) {
    EnergonIndexRows.Media m = EnergonImageMetadata.of(b, b.length);
    return m == null ? null : m.json();
  }

  static byte[] imageIo(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IOException("no " + format + " writer for this image type");
    }
    return out.toByteArray();
  }

  static BufferedImage colourIndexed(int width, int height) {
    byte[] r = {(byte) 255, 0, 0, (byte) 255};
    byte[] g = {0, (byte) 255, 0, (byte) 255};
    byte[] b = {0, 0, (byte) 255, (byte) 255};
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 4, r, g, b));
    image.getRaster().setSample(1, 1, 0, 2);
    return image;
  }

  @Test
  void gifModeFollowsThePaletteTheFirstImageUses() throws IOException {
    assertEquals(row(9, 6, "GIF", "P"), meta(imageIo(colourIndexed(9, 6), "gif")));
    assertEquals(row(5, 4, "GIF", "L"), meta(imageIo(new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY), "gif")));
    // A 4x4 screen with a colour palette; the first image (5x5 at 2,3) brings a grey ramp of its own.
    byte[] gif = gif(4, 4, true, 2, 3, 5, 5, true, false);
    assertEquals(row(7, 8, "GIF", "L"), meta(gif));
    // ... or no palette of its own: the global one (colour) is used.
    assertEquals(row(7, 8, "GIF", "P"), meta(gif(4, 4, true, 2, 3, 5, 5, false, false)));
    // No palette at all: L.
    assertEquals(row(4, 4, "GIF", "L"), meta(gif(4, 4, false, 0, 0, 4, 4, false, false)));
    // A NETSCAPE2.0 block without its loop block: Pillow cannot open it, so no row.
    assertNull(meta(gif(4, 4, true, 0, 0, 4, 4, false, true)));
    // No image before the trailer.
    assertNull(meta(new byte[] {'G', 'I', 'F', '8', '9', 'a', 4, 0, 4, 0, 0, 0, 0, ';'}));
  }

  /** A GIF89a with comment, loop and graphic control extensions before its first image descriptor. */
  static byte[] gif(int sw, int sh, boolean globalColours, int x, int y, int w, int h, boolean localGrey, boolean cutLoop) {
    ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes()).putShort((short) sw).putShort((short) sh);
    b.put((byte) (globalColours ? 0x80 | 1 : 0)).put((byte) 0).put((byte) 0); // 4-entry table
    if (globalColours) {
      b.put(new byte[] {(byte) 200, 0, 0, 0, (byte) 200, 0, 0, 0, (byte) 200, 1, 2, 3});
    }
    b.put(new byte[] {'!', (byte) 0xFE, 3, 'a', 'b', 'c', 2, 'd', 'e', 0}); // comment, two blocks
    b.put(new byte[] {'!', (byte) 0xFF, 11}).put("NETSCAPE2.0".getBytes());
    b.put(cutLoop ? new byte[] {0} : new byte[] {3, 1, 0, 0, 0});
    b.put(new byte[] {'!', (byte) 0xF9, 4, 1, 10, 0, 0, 0}); // graphic control, transparent index 0
    b.put((byte) ',').putShort((short) x).putShort((short) y).putShort((short) w).putShort((short) h);
    b.put((byte) (localGrey ? 0x80 | 1 : 0));
    if (localGrey) {
      b.put(new byte[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3});
    }
    b.put(new byte[] {2, 2, 0x4C, 0x01, 0, ';'}); // LZW code size, one data block, trailer
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void bmpModeFollowsBitsPaletteAndBitFields() throws IOException {
    assertEquals(row(9, 6, "BMP", "RGB"), meta(imageIo(new BufferedImage(9, 6, BufferedImage.TYPE_3BYTE_BGR), "bmp")));
    assertEquals(row(5, 4, "BMP", "L"), meta(imageIo(new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY), "bmp")));
    assertEquals(row(10, 3, "BMP", "1"), meta(imageIo(new BufferedImage(10, 3, BufferedImage.TYPE_BYTE_BINARY), "bmp")));
    assertEquals(row(7, 2, "BMP", "P"), meta(imageIo(colourIndexed(7, 2), "bmp")));
    // 32-bit bit fields (BGRA masks), top-down (negative height): RGBA, height 3.
    assertEquals(row(2, 3, "BMP", "RGBA"), meta(bmpV5(2, -3, 32, 3, 0xFF0000, 0xFF00, 0xFF, 0xFF000000)));
    assertEquals(row(2, 3, "BMP", "RGB"), meta(bmpV5(2, 3, 32, 3, 0xFF0000, 0xFF00, 0xFF, 0)));
    assertEquals(row(2, 3, "BMP", "RGB"), meta(bmpV5(2, 3, 16, 3, 0xF800, 0x7E0, 0x1F, 0)));
    assertEquals(row(2, 3, "BMP", "RGB"), meta(bmpV5(2, 3, 32, 0, 0, 0, 0, 0)));
    assertNull(meta(bmpV5(2, 3, 16, 3, 0xF00, 0xF0, 0xF, 0)), "bit fields Pillow does not read");
    assertNull(meta(bmpV5(2, 3, 24, 4, 0, 0, 0, 0)), "JPEG inside a BMP");
    assertNull(meta(bmpV5(2, 3, 12, 0, 0, 0, 0, 0)), "12 bits a pixel");
  }

  /** A BMP with a 124-byte (V5) header and bit-field masks, pixel data zero. */
  static byte[] bmpV5(int width, int height, int bits, int compression, int r, int g, int b, int a) {
    int rowBytes = ((width * bits + 31) / 32) * 4;
    int dataSize = rowBytes * Math.abs(height);
    ByteBuffer buf = ByteBuffer.allocate(14 + 124 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 'B').put((byte) 'M').putInt(14 + 124 + dataSize).putInt(0).putInt(14 + 124);
    buf.putInt(124).putInt(width).putInt(height).putShort((short) 1).putShort((short) bits).putInt(compression)
        .putInt(dataSize).putInt(2835).putInt(2835).putInt(0).putInt(0);
    buf.putInt(r).putInt(g).putInt(b).putInt(a);
    return buf.array();
  }
}
