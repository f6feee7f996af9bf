package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageHeadersTest {
  private static byte[] encode(String format, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  private static ImageFacts read(byte[] bytes) throws IOException {
    return ImageHeaders.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void readsTheSizeOfEveryFormatTheJdkWrites() throws IOException {
    assertEquals(new ImageFacts("jpeg", 161, 97), read(encode("jpeg", 161, 97)));
    assertEquals(new ImageFacts("png", 90, 120), read(encode("png", 90, 120)));
    assertEquals(new ImageFacts("gif", 300, 7), read(encode("gif", 300, 7)));
    assertEquals(new ImageFacts("bmp", 33, 65), read(encode("bmp", 33, 65)));
  }

  @Test
  void findsTheJpegFrameHeaderBehindLargeSegments() throws IOException {
    byte[] jpeg = encode("jpeg", 640, 480);
    // SOI, then three 64 KB APP2 segments (as ICC profiles are stored), then the JDK's segments.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    for (int i = 0; i < 3; i++) {
      out.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) 0xFF, (byte) 0xFF});
      out.write(new byte[0xFFFF - 2]);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    CountingStream in = new CountingStream(out.toByteArray());
    assertEquals(new ImageFacts("jpeg", 640, 480), ImageHeaders.read(in));
    assertEquals(true, in.read < out.size() - jpeg.length / 2, "the pixels are never read");
  }

  @Test
  void readsTheThreeKindsOfWebpHeader() throws IOException {
    byte[] lossy = riff("VP8 ", 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01); // 640x480
    assertEquals(new ImageFacts("webp", 640, 480), read(lossy));
    // Lossless: 0x2f, then 14 bits width - 1 (99) and 14 bits height - 1 (49), little-endian.
    long bits = 99 | (49L << 14);
    byte[] lossless = riff("VP8L", 0x2f, (int) (bits & 0xff), (int) (bits >> 8 & 0xff), (int) (bits >> 16 & 0xff), (int) (bits >> 24 & 0xff));
    assertEquals(new ImageFacts("webp", 100, 50), read(lossless));
    // Extended: flags and reserved (4 bytes), then 24-bit canvas width - 1 (1919) and height - 1 (1079).
    byte[] extended = riff("VP8X", 0, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00);
    assertEquals(new ImageFacts("webp", 1920, 1080), read(extended));
  }

  /** {@code RIFF <size> WEBP <chunk> <chunk size>} then {@code payload}, padded to 40 bytes. */
  private static byte[] riff(String chunk, int... payload) {
    byte[] b = new byte[40];
    System.arraycopy("RIFF".getBytes(), 0, b, 0, 4);
    System.arraycopy("WEBP".getBytes(), 0, b, 8, 4);
    System.arraycopy(chunk.getBytes(), 0, b, 12, 4);
    for (int i = 0; i < payload.length; i++) {
      b[20 + i] = (byte) payload[i];
    }
    return b;
  }

  @Test
  void imagesCutBeforeTheirSizeOrOfNoKnownFormatAreUnreadable() throws IOException {
    byte[] jpeg = encode("jpeg", 64, 64);
    int sof = 0;
    while (!((jpeg[sof] & 0xff) == 0xFF && (jpeg[sof + 1] & 0xff) == 0xC0)) {
      sof++;
    }
    assertFalse(read(Arrays.copyOf(jpeg, sof + 4)).readable());
    assertEquals("jpeg", read(Arrays.copyOf(jpeg, sof + 4)).format());
    assertFalse(read(Arrays.copyOf(encode("png", 8, 8), 20)).readable());
    assertEquals(ImageFacts.unreadable("unknown"), read("plain text, not an image".getBytes()));
    assertEquals(ImageFacts.unreadable("unknown"), read(new byte[0]));
  }

  /** Counts the bytes a reader takes. */
  private static final class CountingStream extends InputStream {
    private final byte[] bytes;
    int read;

    CountingStream(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return read < bytes.length ? bytes[read++] & 0xff : -1;
    }

    @Override
    public long skip(long n) {
      long k = Math.min(n, bytes.length - read);
      read += (int) k;
      return k;
    }
  }
}
