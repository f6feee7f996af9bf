package io.omniprep.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.testing.Pictures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The hash against its definition computed here the slow way (a direct double sum per coefficient),
 * and its properties on generated pictures: copies and near-copies within the default distance,
 * unrelated pictures far apart.
 */
class PerceptualHashTest {
  private static final int D = 4;

  @Test
  void aPictureOf32PixelsHashesAsTheDefinitionSays() {
    for (long seed = 1; seed <= 5; seed++) {
      BufferedImage image = Pictures.scene(seed, 32, 32);
      assertEquals(Long.toBinaryString(definition(image, 1)), Long.toBinaryString(PerceptualHash.of(image)), "seed " + seed);
    }
  }

  @Test
  void aLargerPictureIsFirstAveragedInCells() {
    BufferedImage image = Pictures.scene(7, 96, 64); // cells of 3x2 pixels
    assertEquals(Long.toBinaryString(definitionOfCells(image, 3, 2)), Long.toBinaryString(PerceptualHash.of(image)));
  }

  @Test
  void theSameBytesGiveTheSameHashAndHalfTheBitsAreSet() throws Exception {
    byte[] jpeg = Pictures.jpeg(Pictures.scene(3, 200, 150), 0.9f);
    Long hash = PerceptualHash.of(jpeg);
    assertNotNull(hash);
    assertEquals(hash, PerceptualHash.of(jpeg.clone()));
    assertEquals(hash, PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(jpeg)))); // under 256 pixels: decoded whole
    assertEquals(32, Long.bitCount(hash), "one bit for each coefficient above the median");
  }

  @Test
  void aFlatPictureHashesToZero() {
    assertEquals(0L, PerceptualHash.of(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB)));
  }

  @Test
  void reEncodedAndSlightlyResizedCopiesStayWithinTheDefaultDistance() throws Exception {
    for (long seed = 100; seed < 112; seed++) { // the seeds of the unrelated pictures below, and NearCopies'
      BufferedImage picture = Pictures.scene(seed, 320, 240);
      long original = PerceptualHash.of(Pictures.jpeg(picture, 0.9f));
      int quality = PerceptualHash.distance(original, PerceptualHash.of(Pictures.jpeg(picture, 0.4f)));
      int resized = PerceptualHash.distance(original, PerceptualHash.of(Pictures.jpeg(Pictures.resized(picture, 288, 216), 0.9f)));
      int png = PerceptualHash.distance(original, PerceptualHash.of(Pictures.png(picture)));
      assertTrue(quality <= D && resized <= D && png <= D, "seed " + seed + ": quality " + quality + ", resized " + resized + ", png " + png);
    }
  }

  @Test
  void unrelatedPicturesLieFarApart() throws Exception {
    long[] hashes = new long[12];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = PerceptualHash.of(Pictures.jpeg(Pictures.scene(100 + i, 320, 240), 0.9f));
    }
    for (int i = 0; i < hashes.length; i++) {
      for (int j = i + 1; j < hashes.length; j++) {
        int distance = PerceptualHash.distance(hashes[i], hashes[j]);
        assertTrue(distance > 3 * D, i + " and " + j + " lie " + distance + " apart");
      }
    }
  }

  @Test
  void aLargeJpegsHashFromItsBlockMeansIsNearTheDefinitionOverEveryDecodedPixel() throws Exception {
    int worst = 0;
    for (long seed = 200; seed < 212; seed++) {
      byte[] jpeg = Pictures.jpeg(Pictures.scene(seed, 512, 384), 0.9f); // the JDK's 4:2:0, 64 x 48 blocks
      long full = definitionOfCells(ImageIO.read(new ByteArrayInputStream(jpeg)), 16, 12);
      worst = Math.max(worst, PerceptualHash.distance(full, PerceptualHash.of(jpeg)));
    }
    assertTrue(worst <= 2, "at most " + worst + " bits from the hash of the full decode");
  }

  @Test
  void aLargeJpegStaysNearItsPngGreyOrColourAndItsProgressiveCopy() throws Exception {
    for (long seed = 300; seed < 306; seed++) {
      BufferedImage picture = Pictures.scene(seed, 520, 300); // not a multiple of 16 either way
      BufferedImage grey = new BufferedImage(520, 300, BufferedImage.TYPE_BYTE_GRAY);
      grey.getGraphics().drawImage(picture, 0, 0, null);
      for (BufferedImage image : new BufferedImage[] {picture, grey}) {
        byte[] jpeg = Pictures.jpeg(image, 0.9f);
        long hash = PerceptualHash.of(jpeg);
        byte[] progressive = Pictures.progressiveJpeg(image);
        assertEquals(PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(progressive))), PerceptualHash.of(progressive),
            "a progressive JPEG is decoded whole");
        int png = PerceptualHash.distance(hash, PerceptualHash.of(Pictures.png(image)));
        int prog = PerceptualHash.distance(hash, PerceptualHash.of(progressive));
        String what = "seed " + seed + (image == grey ? " grey" : "");
        assertTrue(png <= D && prog <= D, what + ": png " + png + ", progressive " + prog);
      }
    }
  }

  @Test
  void aLargeJpegCutShortHasNoHash() throws Exception {
    byte[] jpeg = Pictures.jpeg(Pictures.scene(102, 512, 384), 0.9f);
    assertNotNull(PerceptualHash.of(jpeg));
    for (int cut : new int[] {jpeg.length / 2, jpeg.length - 100, jpeg.length - 2}) {
      assertNull(PerceptualHash.of(Arrays.copyOf(jpeg, cut)), "cut to " + cut);
    }
  }

  @Test
  void bytesNoReaderDecodesHaveNoHash() {
    assertNull(PerceptualHash.of("not an image at all".getBytes(StandardCharsets.UTF_8)));
    assertNull(PerceptualHash.of(new byte[0]));
  }

  @Test
  void aPictureCutShortHasNoHash() throws Exception {
    byte[] jpeg = Pictures.jpeg(Pictures.scene(101, 320, 240), 0.9f);
    assertNotNull(PerceptualHash.of(jpeg));
    assertNull(PerceptualHash.of(Arrays.copyOf(jpeg, jpeg.length / 2)), "the decoder warns of a premature end");
  }

  @Test
  void theDistanceCountsDifferingBits() {
    assertEquals(0, PerceptualHash.distance(0x1234L, 0x1234L));
    assertEquals(64, PerceptualHash.distance(0L, -1L));
    assertEquals(3, PerceptualHash.distance(0b1011L, 0b0000_0001L << 10 | 0b0010L));
  }

  /** The hash as phash.org defines it, of a picture already 32x32 times (cx, cy) pixels. */
  private static long definitionOfCells(BufferedImage image, int cx, int cy) {
    double[][] lum = new double[32][32];
    for (int y = 0; y < 32 * cy; y++) {
      for (int x = 0; x < 32 * cx; x++) {
        lum[y / cy][x / cx] += luminance(image.getRGB(x, y)) / (cx * cy);
      }
    }
    return bits(lum);
  }

  private static long definition(BufferedImage image, int cell) {
    return definitionOfCells(image, cell, cell);
  }

  /** Each coefficient (v, u) for v, u in 1..8 as the direct sum over all 32x32 points, then the median split. */
  private static long bits(double[][] lum) {
    double[] c = new double[64];
    for (int v = 1; v <= 8; v++) {
      for (int u = 1; u <= 8; u++) {
        double sum = 0;
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            sum += lum[y][x] * Math.cos(Math.PI * (2 * x + 1) * u / 64) * Math.cos(Math.PI * (2 * y + 1) * v / 64);
          }
        }
        c[(v - 1) * 8 + u - 1] = sum;
      }
    }
    double[] sorted = c.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long hash = 0;
    for (int i = 0; i < 64; i++) {
      if (c[i] > median) {
        hash |= 1L << (63 - i);
      }
    }
    return hash;
  }

  private static double luminance(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
  }
}
