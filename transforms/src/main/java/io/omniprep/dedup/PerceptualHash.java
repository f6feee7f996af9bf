package io.omniprep.dedup;

import io.omniprep.dedup.jpeg.LumaBlocks;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The 64-bit DCT perceptual hash (pHash, as phash.org defines it): the image's luminance shrunk to
 * 32x32 by averaging, its 2-D DCT-II, and of the 8x8 lowest frequencies without the DC row and
 * column (coefficients 1..8 by 1..8) one bit each, set when the coefficient is above their median;
 * row-major, the first coefficient in the most significant bit. Near-identical pictures (another
 * JPEG quality, a slight resize) give hashes a few bits apart; unrelated ones about 32.
 *
 * <p>Hand-written: no maintained Java library on Maven Central computes it (none in the project's
 * package lists), and commons-math's fast cosine transform is a DCT-I of 2^n+1 points. The cosine
 * table comes from {@link StrictMath} and the sums are plain doubles, so a hash is the same on
 * every JVM and runner.
 */
public final class PerceptualHash {
  private static final int SIDE = 32;
  private static final int LOW = 8;
  /** COS[u][x] = cos(pi (2x + 1) u / 64), u = 1..8 (row 0 unused: the DC term is left out). */
  private static final double[][] COS = new double[LOW + 1][SIDE];

  static {
    for (int u = 1; u <= LOW; u++) {
      for (int x = 0; x < SIDE; x++) {
        COS[u][x] = StrictMath.cos(StrictMath.PI * (2 * x + 1) * u / (2.0 * SIDE));
      }
    }
  }

  private PerceptualHash() {}

  /**
   * The hash of an encoded image. A sequential JPEG (grey or YCbCr, 8-bit, Huffman-coded: nearly
   * all JPEGs) whose luminance is at least {@value #SIDE} blocks of 8x8 on each side (256 samples)
   * is not decoded: its cells average the blocks' means, which its DC coefficients give
   * ({@link LumaBlocks}). Any other image (PNG, a progressive JPEG, a smaller JPEG, where a cell
   * would be less than a block), or a JPEG that reader finds damaged, is decoded whole and its cells
   * average every pixel: the same means up to the blocks' detail, so a JPEG and its PNG copy stay
   * near (decoding every n-th pixel instead, as this class did before, put them up to 20 bits apart
   * on noisy pictures). Null when no JDK reader decodes it (WebP, CMYK JPEG) or it decodes with
   * damage (a decoder's warning, such as a premature end of data): a picture partly grey is not
   * the picture.
   */
  public static @Nullable Long of(byte[] encoded) {
    LumaBlocks blocks = blocks(encoded);
    if (blocks != null && blocks.blocksWide() >= SIDE && blocks.blocksHigh() >= SIDE) {
      return hash(blocks.cells(SIDE));
    }
    return decoded(encoded);
  }

  private static @Nullable LumaBlocks blocks(byte[] encoded) {
    try {
      return LumaBlocks.of(encoded);
    } catch (RuntimeException e) {
      return null; // a header this reader misjudged: the full decoder has the last word
    }
  }

  private static @Nullable Long decoded(byte[] encoded) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        return warnings.isEmpty() ? of(image) : null;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The hash of a decoded image. */
  public static long of(BufferedImage image) {
    return hash(shrink(image));
  }

  /** The hash of the luminance averaged into 32x32 cells. */
  private static long hash(double[][] pixels) {
    // Separable DCT, only the rows and columns kept: first along x, then along y.
    double[][] alongX = new double[SIDE][LOW + 1];
    for (int y = 0; y < SIDE; y++) {
      for (int u = 1; u <= LOW; u++) {
        double sum = 0;
        for (int x = 0; x < SIDE; x++) {
          sum += COS[u][x] * pixels[y][x];
        }
        alongX[y][u] = sum;
      }
    }
    double[] low = new double[LOW * LOW];
    for (int v = 1; v <= LOW; v++) {
      for (int u = 1; u <= LOW; u++) {
        double sum = 0;
        for (int y = 0; y < SIDE; y++) {
          sum += COS[v][y] * alongX[y][u];
        }
        low[(v - 1) * LOW + (u - 1)] = sum;
      }
    }
    double[] sorted = low.clone();
    Arrays.sort(sorted);
    double median = (sorted[LOW * LOW / 2 - 1] + sorted[LOW * LOW / 2]) / 2;
    long hash = 0;
    for (double c : low) {
      hash = (hash << 1) | (c > median ? 1 : 0);
    }
    return hash;
  }

  /** The number of bits in which two hashes differ. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /**
   * Luminance (ITU-R 601 weights, as PIL's {@code L}) averaged over a 32x32 grid of cells, each
   * cell the mean of the pixels it covers (at least one, for images under 32 pixels).
   */
  private static double[][] shrink(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] rgb = rgb(image);
    double[][] cells = new double[SIDE][SIDE];
    for (int cy = 0; cy < SIDE; cy++) {
      int y0 = cy * height / SIDE;
      int y1 = Math.max(y0 + 1, (cy + 1) * height / SIDE);
      for (int cx = 0; cx < SIDE; cx++) {
        int x0 = cx * width / SIDE;
        int x1 = Math.max(x0 + 1, (cx + 1) * width / SIDE);
        double sum = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            int p = rgb[y * width + x];
            sum += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
          }
        }
        cells[cy][cx] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
    return cells;
  }

  /**
   * The pixels as {@link BufferedImage#getRGB} gives them, but grey samples as they are. A decoded
   * colour JPEG (8-bit sRGB, blue first) is read straight from its bytes: getRGB goes through the
   * colour model one component at a time, which took more time than decoding; for 8-bit sRGB that
   * model returns the bytes as they are.
   */
  private static int[] rgb(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    WritableRaster raster = image.getRaster();
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
      // The JDK takes grey as linear and getRGB brightens it to sRGB (64 becomes 137); a grey file's
      // samples are its luminance as they are, as PIL's L and a grey JPEG's blocks give them.
      int shift = image.getType() == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
      int[] grey = raster.getSamples(0, 0, width, height, 0, (int[]) null);
      for (int i = 0; i < grey.length; i++) {
        int g = grey[i] >> shift;
        grey[i] = 0xff000000 | g << 16 | g << 8 | g;
      }
      return grey;
    }
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || !(raster.getSampleModel() instanceof ComponentSampleModel model)
        || !(raster.getDataBuffer() instanceof DataBufferByte buffer) || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0) {
      return image.getRGB(0, 0, width, height, null, 0, width);
    }
    byte[] bytes = buffer.getData();
    int[] bands = model.getBandOffsets();
    int[] rgb = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int at = buffer.getOffset() + y * model.getScanlineStride() + x * model.getPixelStride();
        rgb[y * width + x] = 0xff000000 | (bytes[at + bands[0]] & 0xff) << 16 | (bytes[at + bands[1]] & 0xff) << 8 | (bytes[at + bands[2]] & 0xff);
      }
    }
    return rgb;
  }
}
