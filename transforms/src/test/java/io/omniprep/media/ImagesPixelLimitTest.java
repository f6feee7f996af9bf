package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image sizes read from headers alone, and images over a pixel limit refused before any decode. */
class ImagesPixelLimitTest {
  /** PIL's {@code Image.MAX_IMAGE_PIXELS}: {@code int(1024 * 1024 * 1024 // 4 // 3)}. */
  private static final long PIL_MAX_IMAGE_PIXELS = 1024L * 1024 * 1024 / 4 / 3;

  private static void limit(byte[] image, long maxPixels) throws Exception {
    Images.requirePixelsAtMost(new ByteArrayInputStream(image), maxPixels, "test image");
  }

  @Test
  void theDefaultLimitIsPils() {
    assertEquals(PIL_MAX_IMAGE_PIXELS, Images.DEFAULT_MAX_PIXELS);
    assertEquals(89_478_485L, Images.DEFAULT_MAX_PIXELS);
  }

  @Test
  void aTinyJpegClaiming60000By60000IsRefused() {
    byte[] bomb = ImageFixtures.jpeg(60000, 60000);
    assertTrue(bomb.length < 100, "the whole file is " + bomb.length + " bytes");
    MediaException e = assertThrows(MediaException.class, () -> limit(bomb, Images.DEFAULT_MAX_PIXELS));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
    assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
    assertTrue(e.getMessage().contains(Long.toString(60000L * 60000L)), e.getMessage());
  }

  @Test
  void aPngClaiming20000By20000IsRefused() {
    MediaException e = assertThrows(MediaException.class, () -> limit(ImageFixtures.png(20000, 20000), Images.DEFAULT_MAX_PIXELS));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
  }

  /** The limit is inclusive, as PIL's: exactly the limit passes, one pixel more does not. */
  @Test
  void theLimitIsInclusiveForEveryHeaderFormat() throws Exception {
    long w = 321;
    long h = 123;
    for (byte[] image : new byte[][] {ImageFixtures.jpeg((int) w, (int) h), ImageFixtures.png(w, h),
        ImageFixtures.tiff(w, h, true, 0), ImageFixtures.tiff(w, h, false, 5000)}) {
      limit(image, w * h);
      MediaException e = assertThrows(MediaException.class, () -> limit(image, w * h - 1));
      assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
    }
  }

  /** Images written by the JDK's own encoders: the header reading agrees with what was encoded. */
  @ParameterizedTest
  @ValueSource(strings = {"png", "jpeg", "gif", "bmp", "tiff"})
  void agreesWithRealEncoders(String format) throws Exception {
    BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), format);
    byte[] bytes = out.toByteArray();
    long pixels = (long) image.getWidth() * image.getHeight();
    limit(bytes, pixels);
    MediaException e = assertThrows(MediaException.class, () -> limit(bytes, pixels - 1));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason(), format);
  }

  /** Only the header is read, not the pixel data that follows it. */
  @Test
  void readsOnlyTheHeader() throws Exception {
    byte[] png = ImageFixtures.png(10, 10);
    byte[] big = java.util.Arrays.copyOf(png, png.length + (8 << 20));
    AtomicLong read = new AtomicLong();
    InputStream counting = new java.io.FilterInputStream(new ByteArrayInputStream(big)) {
      @Override
      public int read() throws java.io.IOException {
        int b = super.read();
        read.addAndGet(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws java.io.IOException {
        int n = super.read(buf, off, len);
        read.addAndGet(Math.max(0, n));
        return n;
      }
    };
    Images.requirePixelsAtMost(counting, 100, "png");
    assertTrue(read.get() <= 64 * 1024, "read " + read.get() + " bytes");
  }

  /**
   * A GIF's decoder allocates its first frame, which may be larger than the logical screen the
   * header starts with: the larger counts.
   */
  @Test
  void aGifFrameLargerThanItsScreenCounts() throws Exception {
    limit(ImageFixtures.gif(7, 5, 7, 5), 35);
    assertEquals(Reason.IMAGE_TOO_LARGE, assertThrows(MediaException.class, () -> limit(ImageFixtures.gif(7, 5, 7, 5), 34)).reason());
    MediaException e = assertThrows(MediaException.class,
        () -> limit(ImageFixtures.gif(1, 1, 20000, 20000), Images.DEFAULT_MAX_PIXELS));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
    assertTrue(e.getMessage().contains("20000x20000"), e.getMessage());
  }

  /**
   * A size that cannot be read is no reason to refuse here (corruption is found where the bytes
   * are read, as before); where a decode follows at once, it is.
   */
  @Test
  void unreadableSizesPassTheLimitButAreNotDecoded() throws Exception {
    byte[] cut = java.util.Arrays.copyOf(ImageFixtures.png(10, 10), 18);
    byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    byte[] gifWithoutFrame = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 0x3B};
    for (byte[] unreadable : new byte[][] {cut, noFrame, gifWithoutFrame, new byte[123], new byte[0]}) {
      assertDoesNotThrow(() -> limit(unreadable, 1));
    }
    MediaException e = assertThrows(MediaException.class, () -> Images.toPng(noFrame));
    assertEquals(Reason.MEDIA_CORRUPT, e.reason());
    assertTrue(e.getMessage().contains("size"), e.getMessage());
    byte[] gifNoFrameWithTrailer = java.util.Arrays.copyOf(gifWithoutFrame, gifWithoutFrame.length);
    assertEquals(Reason.MEDIA_CORRUPT,
        assertThrows(MediaException.class, () -> Images.asJpeg(gifNoFrameWithTrailer, 90, "gif")).reason());
  }

  /** The HF converter's PNG re-encoding decodes: a bomb is refused before it is. */
  @Test
  void toPngRefusesABombBeforeDecoding() {
    MediaException e = assertThrows(MediaException.class, () -> Images.toPng(ImageFixtures.png(10000, 9000)));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
    assertEquals(Reason.IMAGE_TOO_LARGE,
        assertThrows(MediaException.class, () -> Images.toPng(ImageFixtures.gif(1, 1, 10000, 9000))).reason());
  }
}
