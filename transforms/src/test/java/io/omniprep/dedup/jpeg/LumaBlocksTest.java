package io.omniprep.dedup.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.testing.Pictures;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * The block means read from the DC coefficients against the JDK's full decode of the same JPEG,
 * averaged per 8x8 block here; the cells against a per-sample average; and the files the reader
 * must leave to a full decoder.
 */
class LumaBlocksTest {
  private static final int[][] SIZES = {{259, 197}, {300, 300}, {64, 40}, {17, 9}, {513, 385}};
  /** Luminance sampling: 4:4:4, 4:2:2, 4:2:0, and 1 x 2. */
  private static final int[][] SAMPLINGS = {{1, 1}, {2, 1}, {2, 2}, {1, 2}};

  @Test
  void blockMeansAreTheDecodedLuminanceAveragedPerBlock() throws Exception {
    long seed = 1;
    for (int[] size : SIZES) {
      for (int[] sampling : SAMPLINGS) {
        for (int restart : new int[] {0, 1, 5}) {
          BufferedImage picture = Pictures.scene(seed++, size[0], size[1]);
          byte[] jpeg = Pictures.jpeg(picture, 0.9f, sampling[0], sampling[1], restart);
          String label = Arrays.toString(size) + " sampled " + Arrays.toString(sampling) + " restart " + restart;
          if (restart != 5) { // every size has two MCUs or more; not always six
            assertEquals(restart > 0, hasRestartMarkers(jpeg), label);
          }
          compare(LumaBlocks.of(jpeg), rawLuma(jpeg), luminanceOfRgb(ImageIO.read(new ByteArrayInputStream(jpeg))), label);
        }
      }
    }
  }

  @Test
  void greyPicturesToo() throws Exception {
    long seed = 50;
    for (int[] size : SIZES) {
      for (int[] sampling : new int[][] {{1, 1}, {2, 2}}) {
        for (int restart : new int[] {0, 3}) {
          BufferedImage grey = grey(Pictures.scene(seed++, size[0], size[1]));
          byte[] jpeg = Pictures.jpeg(grey, 0.8f, sampling[0], sampling[1], restart);
          double[][] decoded = rawLuma(jpeg);
          compare(LumaBlocks.of(jpeg), decoded, decoded, Arrays.toString(size) + " grey " + Arrays.toString(sampling) + " restart " + restart);
        }
      }
    }
  }

  @Test
  void cellsAverageEverySampleAtItsBlocksMean() {
    for (int[] size : new int[][] {{256, 256}, {259, 197}, {300, 301}, {512, 384}, {17, 9}}) {
      int width = size[0];
      int height = size[1];
      int wide = (width + 7) / 8;
      int high = (height + 7) / 8;
      int[] dc = new int[wide * high];
      for (int i = 0; i < dc.length; i++) {
        dc[i] = (i * 7919 % 2041) - 1024;
      }
      LumaBlocks blocks = new LumaBlocks(width, height, wide, high, dc);
      // Each sample as its block's mean; a cell of width/32 x height/32 samples takes each sample by
      // the part of it inside the cell: sums over 32x32 sub-samples, in integers, then one division.
      double[][] expected = new double[32][32];
      for (int cy = 0; cy < 32; cy++) {
        for (int cx = 0; cx < 32; cx++) {
          long sum = 0;
          for (int y = 0; y < height; y++) {
            long wy = overlap(y * 32L, y * 32L + 32, (long) cy * height, (long) (cy + 1) * height);
            for (int x = 0; wy > 0 && x < width; x++) {
              long wx = overlap(x * 32L, x * 32L + 32, (long) cx * width, (long) (cx + 1) * width);
              sum += wx * wy * (dc[(y / 8) * wide + x / 8] + 1024);
            }
          }
          expected[cy][cx] = sum / (8.0 * width * height);
        }
      }
      double[][] cells = blocks.cells(32);
      for (int cy = 0; cy < 32; cy++) {
        assertArrayEquals(expected[cy], cells[cy], 1e-9, Arrays.toString(size) + " row " + cy);
      }
    }
  }

  @Test
  void progressiveJpegsPngsAndOtherBytesAreLeftToAFullDecoder() throws Exception {
    BufferedImage picture = Pictures.scene(3, 300, 260);
    assertNull(LumaBlocks.of(Pictures.progressiveJpeg(picture)));
    assertNull(LumaBlocks.of(Pictures.png(picture)));
    assertNull(LumaBlocks.of(new byte[0]));
    assertNull(LumaBlocks.of(new byte[] {(byte) 0xff, (byte) 0xd8}));
  }

  @Test
  void damagedDataGiveNoBlocks() throws Exception {
    byte[] jpeg = Pictures.jpeg(Pictures.scene(4, 300, 260), 0.9f, 2, 2, 4);
    assertNotNull(LumaBlocks.of(jpeg));
    for (int cut : new int[] {jpeg.length - 2, jpeg.length - 1, jpeg.length / 2, 700}) {
      assertNull(LumaBlocks.of(Arrays.copyOf(jpeg, cut)), "cut to " + cut);
    }
    int rst = firstRestartMarker(jpeg);
    byte[] outOfOrder = jpeg.clone();
    outOfOrder[rst + 1] = (byte) 0xd3; // the first should be RST0
    assertNull(LumaBlocks.of(outOfOrder));
    byte[] extra = new byte[jpeg.length + 1]; // a stray byte before the first restart marker
    System.arraycopy(jpeg, 0, extra, 0, rst);
    extra[rst] = 0x5a;
    System.arraycopy(jpeg, rst, extra, rst + 1, jpeg.length - rst);
    assertNull(LumaBlocks.of(extra));
    byte[] noEnd = Arrays.copyOf(jpeg, jpeg.length);
    noEnd[noEnd.length - 1] = (byte) 0xd8; // not the end-of-image marker
    assertNull(LumaBlocks.of(noEnd));
  }

  @Test
  void anyBytesGiveBlocksOrNullNeverAnException() throws Exception {
    byte[] jpeg = Pictures.jpeg(Pictures.scene(5, 280, 264), 0.9f, 2, 2, 2);
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 2000; i++) {
      byte[] damaged = jpeg.clone();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        // Mostly the headers (the first 700 bytes), where a wrong length or count matters most.
        int at = random.nextBoolean() ? random.nextInt(700) : random.nextInt(damaged.length);
        damaged[at] = (byte) random.nextInt(256);
      }
      byte[] bytes = random.nextInt(4) == 0 ? Arrays.copyOf(damaged, random.nextInt(damaged.length)) : damaged;
      LumaBlocks.of(bytes); // returns, whatever it returns
    }
  }

  /**
   * Whole blocks within 1 of the decoded luminance's means, edge blocks (part padding, which the
   * decoded picture has not) within 3; against the luma of the decoded RGB, 1.5 more.
   */
  private static void compare(LumaBlocks blocks, double[][] luma, double[][] luminanceOfRgb, String label) {
    assertNotNull(blocks, label);
    int height = luma.length;
    int width = luma[0].length;
    assertEquals((width + 7) / 8, blocks.blocksWide(), label);
    assertEquals((height + 7) / 8, blocks.blocksHigh(), label);
    for (int by = 0; by < blocks.blocksHigh(); by++) {
      for (int bx = 0; bx < blocks.blocksWide(); bx++) {
        boolean whole = 8 * bx + 8 <= width && 8 * by + 8 <= height;
        double tolerance = whole ? 1.0 : 3.0;
        double mean = blocks.mean(bx, by);
        String at = label + " block " + bx + "," + by;
        assertEquals(blockMean(luma, bx, by), mean, tolerance, at + " against the decoded Y");
        assertEquals(blockMean(luminanceOfRgb, bx, by), mean, tolerance + 1.5, at + " against 601 luma of the decoded RGB");
      }
    }
  }

  /**
   * A block's mean, a block past the picture's edge filled as the JDK's encoder (libjpeg) fills it
   * before coding: each row's last sample repeated to the right, the last row repeated below.
   */
  private static double blockMean(double[][] plane, int bx, int by) {
    double sum = 0;
    for (int y = 8 * by; y < 8 * by + 8; y++) {
      for (int x = 8 * bx; x < 8 * bx + 8; x++) {
        sum += plane[Math.min(y, plane.length - 1)][Math.min(x, plane[0].length - 1)];
      }
    }
    return sum / 64;
  }

  /** The JPEG's first component as the JDK's decoder gives it without colour conversion. */
  private static double[][] rawLuma(byte[] jpeg) throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
      try {
        reader.setInput(in);
        Raster raster = reader.readRaster(0, null);
        double[][] plane = new double[raster.getHeight()][raster.getWidth()];
        for (int y = 0; y < plane.length; y++) {
          for (int x = 0; x < plane[0].length; x++) {
            plane[y][x] = raster.getSample(raster.getMinX() + x, raster.getMinY() + y, 0);
          }
        }
        return plane;
      } finally {
        reader.dispose();
      }
    }
  }

  private static double[][] luminanceOfRgb(BufferedImage image) {
    double[][] plane = new double[image.getHeight()][image.getWidth()];
    for (int y = 0; y < plane.length; y++) {
      for (int x = 0; x < plane[0].length; x++) {
        int p = image.getRGB(x, y);
        plane[y][x] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
      }
    }
    return plane;
  }

  private static BufferedImage grey(BufferedImage image) {
    BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    grey.getGraphics().drawImage(image, 0, 0, null);
    return grey;
  }

  private static long overlap(long from, long to, long cellFrom, long cellTo) {
    return Math.max(0, Math.min(to, cellTo) - Math.max(from, cellFrom));
  }

  private static boolean hasRestartMarkers(byte[] jpeg) {
    return firstRestartMarker(jpeg) >= 0;
  }

  private static int firstRestartMarker(byte[] jpeg) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if (jpeg[i] == (byte) 0xff && (jpeg[i + 1] & 0xf8) == 0xd0) {
        return i;
      }
    }
    return -1;
  }
}
