package io.omniprep.media;

import java.io.Serializable;
import java.util.Locale;

/**
 * A pixel budget for stored images ({@code --resize}): the size an image of a given size is stored
 * at. An image already within the budget keeps its size (and so its bytes); one over it is scaled
 * down, its aspect ratio kept, never up, except where {@code qwen-smart} rounds a side up to a
 * multiple of 28 or lifts a small image to its least area, as Qwen2/2.5-VL's processor does.
 *
 * <ul>
 *   <li>{@code none}: every image as it is;
 *   <li>{@code max-side:N}: the longer side at most N; the shorter scaled by N / longer, rounded
 *       half up, at least 1;
 *   <li>{@code max-pixels:N}: width × height at most N; both sides scaled by sqrt(N / area), each
 *       rounded down (at least 1), so the area never passes N;
 *   <li>{@code qwen-smart}: qwen-vl-utils' {@code smart_resize} ({@link QwenVision#smartResize}):
 *       both sides multiples of 28, the area within {@code minPixels}..{@code maxPixels}.
 * </ul>
 */
public record Resize(Mode mode, long limit, long minPixels, long maxPixels) implements Serializable {
  /** The kinds of budget. */
  public enum Mode {
    NONE,
    MAX_SIDE,
    MAX_PIXELS,
    QWEN_SMART
  }

  public static Resize none() {
    return new Resize(Mode.NONE, 0, 0, 0);
  }

  /**
   * {@code none}, {@code max-side:N}, {@code max-pixels:N} or {@code qwen-smart} (whose area lies
   * within {@code minPixels}..{@code maxPixels}, {@code --minPixels}/{@code --maxPixels}).
   */
  public static Resize parse(String spec, long minPixels, long maxPixels) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("none")) {
      return none();
    }
    if (s.equals("qwen-smart")) {
      if (minPixels <= 0 || maxPixels < minPixels) {
        throw new IllegalArgumentException(
            "--resize=qwen-smart needs 0 < --minPixels <= --maxPixels; were " + minPixels + ", " + maxPixels);
      }
      return new Resize(Mode.QWEN_SMART, 0, minPixels, maxPixels);
    }
    int colon = s.indexOf(':');
    String name = colon < 0 ? s : s.substring(0, colon);
    Mode mode = name.equals("max-side") ? Mode.MAX_SIDE : name.equals("max-pixels") ? Mode.MAX_PIXELS : null;
    long n = -1;
    if (mode != null && colon > 0) {
      try {
        n = Long.parseLong(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        n = -1;
      }
    }
    if (mode == null || n <= 0) {
      throw new IllegalArgumentException(
          "--resize must be none, max-side:N, max-pixels:N (N a positive whole number) or qwen-smart; was '" + spec + "'");
    }
    return new Resize(mode, n, 0, 0);
  }

  public boolean isNone() {
    return mode == Mode.NONE;
  }

  /**
   * {@code {width, height}} to store an image of {@code width} × {@code height} at: the same when it
   * is within the budget.
   *
   * @throws MediaException for {@code qwen-smart}, an image whose sides differ over 200 times
   */
  public long[] target(long width, long height) throws MediaException {
    switch (mode) {
      case MAX_SIDE:
        long longer = Math.max(width, height);
        if (longer <= limit) {
          return new long[] {width, height};
        }
        return new long[] {scaled(width, longer), scaled(height, longer)};
      case MAX_PIXELS:
        return withinArea(width, height);
      case QWEN_SMART:
        long[] hw = QwenVision.smartResize(height, width, minPixels, maxPixels);
        return new long[] {hw[1], hw[0]};
      default:
        return new long[] {width, height};
    }
  }

  /** {@code side × limit / longer}, rounded half up, at least 1: exact integer arithmetic. */
  private long scaled(long side, long longer) {
    return Math.max(1, (2 * side * limit + longer) / (2 * longer));
  }

  private long[] withinArea(long width, long height) {
    if (width * height <= limit) {
      return new long[] {width, height};
    }
    double scale = Math.sqrt(limit / ((double) width * height));
    long w = Math.max(1, (long) Math.floor(width * scale));
    long h = Math.max(1, (long) Math.floor(height * scale));
    while (w * h > limit && (w > 1 || h > 1)) { // a rounding error of the square root
      if (w >= h) {
        w--;
      } else {
        h--;
      }
    }
    return new long[] {w, h};
  }

  /** As the option is written: {@code max-side:1024}; {@code qwen-smart} with its area bounds. */
  @Override
  public String toString() {
    switch (mode) {
      case MAX_SIDE:
        return "max-side:" + limit;
      case MAX_PIXELS:
        return "max-pixels:" + limit;
      case QWEN_SMART:
        return "qwen-smart(" + minPixels + ".." + maxPixels + ")";
      default:
        return "none";
    }
  }
}
