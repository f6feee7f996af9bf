package io.omniprep.dedup.jpeg;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A JPEG's luminance at 1/8 scale, read without decoding its pixels: the DC coefficient of each 8x8
 * block is 8 times the block's mean sample less 128 (T.81 A.3.3), so the block means come from the
 * entropy decoding alone, with no inverse DCT, chroma upsampling or colour conversion; the
 * luminance (Y) of a JFIF file is ITU-R 601 luma, the {@code 0.299 R + 0.587 G + 0.114 B} of PIL's
 * {@code L}. A block on the right or bottom edge that the picture covers only in part has the mean
 * of the encoder's padding too.
 *
 * <p>Written by hand: no maintained pure-Java JPEG decoder on Maven Central gives the DC coefficients
 * or decodes at 1/8 scale (the JDK's and TwelveMonkeys' readers decode every pixel), and a full
 * decode was nearly all of the perceptual hash's cost.
 *
 * @param width the luminance plane's width in samples
 * @param height its height
 * @param blocksWide blocks across it (the last may be partly padding)
 * @param blocksHigh blocks down it
 * @param dc each block's DC coefficient, row-major, from -1024 (black) to 1016 (white)
 */
public record LumaBlocks(int width, int height, int blocksWide, int blocksHigh, int[] dc) {
  /**
   * The luminance blocks of a baseline or extended sequential Huffman JPEG of 8-bit grey or YCbCr
   * samples in one scan; null for any other file (progressive, arithmetic-coded, 12-bit, RGB, CMYK,
   * not a JPEG) and for a damaged one (cut short, a bad code, a restart marker out of place).
   */
  public static @Nullable LumaBlocks of(byte[] jpeg) {
    BaselineHeader header = BaselineHeader.read(jpeg);
    return header == null ? null : LumaDcScan.decode(header, jpeg);
  }

  /** The mean luminance of block (x, y), 0 to 255. */
  public double mean(int x, int y) {
    return dc[y * blocksWide + x] / 8.0 + 128;
  }

  /**
   * The luminance averaged over a {@code side} x {@code side} grid of equal cells, each sample taken
   * as its block's mean: a cell is the mean of the blocks it overlaps, each weighted by the area of
   * the overlap (in samples; a partial edge block by its part inside the picture).
   */
  public double[][] cells(int side) {
    long[][] across = weights(width, blocksWide, side);
    long[][] down = weights(height, blocksHigh, side);
    double[][] cells = new double[side][side];
    for (int cy = 0; cy < side; cy++) {
      for (int cx = 0; cx < side; cx++) {
        long sum = 0;
        for (int by = (int) down[cy][0]; by < (int) down[cy][1]; by++) {
          long wy = down[cy][2 + by - (int) down[cy][0]];
          for (int bx = (int) across[cx][0]; bx < (int) across[cx][1]; bx++) {
            long wx = across[cx][2 + bx - (int) across[cx][0]];
            sum += wx * wy * (dc[by * blocksWide + bx] + 1024);
          }
        }
        // Weights are in 1/side of a sample along each axis: a cell's add up to width x height.
        cells[cy][cx] = sum / (8.0 * width * height);
      }
    }
    return cells;
  }

  /**
   * For each of {@code side} cells along an axis of {@code length} samples: its first block, the
   * block after its last, then the overlap of each block with it, in 1/side of a sample.
   */
  private static long[][] weights(int length, int blocks, int side) {
    long[][] weights = new long[side][];
    for (int c = 0; c < side; c++) {
      long from = (long) c * length;
      long to = (long) (c + 1) * length;
      int first = (int) (from / (8L * side));
      int last = (int) Math.min(blocks - 1, (to - 1) / (8L * side));
      long[] row = new long[2 + last - first + 1];
      row[0] = first;
      row[1] = last + 1;
      for (int b = first; b <= last; b++) {
        long blockFrom = 8L * b * side;
        long blockTo = Math.min(8L * (b + 1), length) * side;
        row[2 + b - first] = Math.min(to, blockTo) - Math.max(from, blockFrom);
      }
      weights[c] = row;
    }
    return weights;
  }
}
