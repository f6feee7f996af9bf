package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The resize filter is area averaging, as named, and its JPEG output is the same bytes every time. */
class ImageResizerTest {
  private static BufferedImage grays(int[][] rows) {
    BufferedImage image = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length; x++) {
        int v = rows[y][x];
        image.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return image;
  }

  private static int gray(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xff;
  }

  @Test
  void eachOutputPixelIsTheAreaWeightedMeanOfTheInputPixelsItCovers() throws Exception {
    // 3 -> 2 pixels: each output pixel covers 1.5 input pixels.
    // left: (0 * 1 + 90 * 0.5) / 1.5 = 30; right: (90 * 0.5 + 180 * 1) / 1.5 = 150
    BufferedImage out = ImageResizer.areaAveraged(grays(new int[][] {{0, 90, 180}}), 2, 1);
    assertEquals(30, gray(out, 0, 0), 1);
    assertEquals(150, gray(out, 1, 0), 1);
    // a 2x2 checkerboard of 0 and 200 to one pixel: every input pixel counts, (0 + 200 + 200 + 0) / 4 = 100
    // (a nearest-pixel filter would give 0 or 200)
    BufferedImage one = ImageResizer.areaAveraged(grays(new int[][] {{0, 200}, {200, 0}}), 1, 1);
    assertEquals(100, gray(one, 0, 0), 1);
  }

  @Test
  void theResizedJpegHasTheTargetSizeAndTheSameBytesEveryTime() throws Exception {
    BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 90; y++) {
      for (int x = 0; x < 120; x++) {
        image.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | ((x + y) & 0xff));
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);

    byte[] first = ImageResizer.resizedJpeg(png.toByteArray(), 40, 30, 90, "test.png");
    byte[] second = ImageResizer.resizedJpeg(png.toByteArray(), 40, 30, 90, "test.png");

    assertArrayEquals(first, second);
    assertEquals(ImageFormat.JPEG, ImageFormat.sniff(first));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(first));
    assertEquals(40, decoded.getWidth());
    assertEquals(30, decoded.getHeight());
    assertTrue(first.length < png.size(), "smaller than the original");
    // qwen-smart may round a side up (120 x 90 -> 112 x 84 down, or 140 x 112 up): both directions scale
    BufferedImage up = ImageIO.read(new ByteArrayInputStream(ImageResizer.resizedJpeg(png.toByteArray(), 140, 112, 90, "test.png")));
    assertEquals(140, up.getWidth());
    assertEquals(112, up.getHeight());
  }

  @Test
  void aTruncatedImageIsRefusedAsCorrupt() throws Exception {
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);
    byte[] cut = java.util.Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2);

    MediaException e = assertThrows(MediaException.class, () -> ImageResizer.resizedJpeg(cut, 32, 32, 95, "cut.jpg"));
    assertEquals(Reason.MEDIA_CORRUPT, e.reason());
  }
}
