package io.omniprep.av.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A visual code for a frame's index that survives lossy video coding: the index's low
 * {@value #BITS} bits as black/white blocks on a 4 x 3 grid (bit 0 top left, row by row). At 64x48
 * each block is one 16x16 macroblock, so the encoder never blends neighbouring bits.
 */
public final class FramePattern {
  /** Number of bits encoded; indices are taken modulo 2^BITS. */
  public static final int BITS = 12;
  private static final int COLS = 4;
  private static final int ROWS = 3;

  private FramePattern() {}

  /** A BGR image of {@code width x height} showing {@code index}. */
  public static BufferedImage render(int index, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int bit = (y * ROWS / height) * COLS + (x * COLS / width);
        byte v = (byte) (((index >> bit) & 1) != 0 ? 235 : 16);
        int o = (y * width + x) * 3;
        px[o] = v;
        px[o + 1] = v;
        px[o + 2] = v;
      }
    }
    return img;
  }

  /**
   * Reads the index back from a decoded frame of the same orientation: each block's mean luma over
   * its central half, thresholded at mid-grey.
   */
  public static int decode(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int index = 0;
    for (int bit = 0; bit < BITS; bit++) {
      int x0 = (bit % COLS) * w / COLS;
      int x1 = (bit % COLS + 1) * w / COLS;
      int y0 = (bit / COLS) * h / ROWS;
      int y1 = (bit / COLS + 1) * h / ROWS;
      long sum = 0;
      int n = 0;
      for (int y = y0 + (y1 - y0) / 4; y < y1 - (y1 - y0) / 4; y++) {
        for (int x = x0 + (x1 - x0) / 4; x < x1 - (x1 - x0) / 4; x++) {
          int rgb = img.getRGB(x, y);
          sum += ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
          n += 3;
        }
      }
      if (sum / n > 128) {
        index |= 1 << bit;
      }
    }
    return index;
  }
}
