package io.omniprep.lengths;

/**
 * qwen-vl-utils' token arithmetic as its Python reads, transcribed step by step for the tests (not
 * shared with the code under test).
 */
public final class QwenReference {
  private QwenReference() {}

  /** smart_resize: {height, width}. */
  public static long[] smartResize(long height, long width, double minPixels, double maxPixels) {
    int factor = 28;
    long hBar = Math.max(factor, pyRound(height / (double) factor) * factor);
    long wBar = Math.max(factor, pyRound(width / (double) factor) * factor);
    if (hBar * wBar > maxPixels) {
      double beta = Math.sqrt((height * width) / maxPixels);
      hBar = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
      wBar = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
    } else if (hBar * wBar < minPixels) {
      double beta = Math.sqrt(minPixels / (height * width));
      hBar = (long) Math.ceil(height * beta / factor) * factor;
      wBar = (long) Math.ceil(width * beta / factor) * factor;
    }
    return new long[] {hBar, wBar};
  }

  /** An image's tokens with qwen-vl-utils' default MIN_PIXELS and MAX_PIXELS. */
  public static long imageTokens(long width, long height) {
    long[] hw = smartResize(height, width, 4 * 28 * 28, 16384 * 28 * 28);
    return (hw[0] / 28) * (hw[1] / 28);
  }

  /** A video's tokens: frames padded to even, the video budget of fetch_video, one token per 28x28 per two frames. */
  public static long videoTokens(int frames, long width, long height) {
    long n = frames % 2 == 0 ? frames : frames + 1;
    double min = 128 * 28 * 28;
    double max = Math.max(Math.min(768 * 28 * 28, (long) (128000 * 28 * 28 * 0.9) / (double) n * 2), (long) (min * 1.05));
    long[] hw = smartResize(height, width, min, max);
    return n / 2 * (hw[0] / 28) * (hw[1] / 28);
  }

  /** Python 3's round(): to the nearest integer, a tie to the even one. */
  static long pyRound(double x) {
    long floor = (long) Math.floor(x);
    double rest = x - floor;
    if (rest > 0.5 || (rest == 0.5 && floor % 2 != 0)) {
      return floor + 1;
    }
    return floor;
  }
}
