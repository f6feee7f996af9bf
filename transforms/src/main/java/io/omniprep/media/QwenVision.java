package io.omniprep.media;

import io.omniprep.errors.Reason;
import java.io.Serializable;

/**
 * How many visual tokens Qwen2/2.5-VL gives an image or a video: the arithmetic of qwen-vl-utils'
 * {@code smart_resize} (each side to a multiple of 28, the area kept within a pixel budget, the
 * aspect ratio as close as it can be), then one token per 28x28 block, and for videos one per block
 * of two frames. Written here from its documented behaviour, so that lengths need image headers
 * only, never a decode. Rounding is Python's: {@code round} goes to the even neighbour on a tie.
 *
 * @param minPixels an image's least area after resizing (qwen-vl-utils' {@code MIN_PIXELS})
 * @param maxPixels an image's largest area ({@code MAX_PIXELS})
 * @param videoMinPixels a video frame's least area ({@code VIDEO_MIN_PIXELS})
 * @param videoMaxPixels a video frame's largest area ({@code VIDEO_MAX_PIXELS})
 * @param videoTotalPixels the area all frames of a video share ({@code VIDEO_TOTAL_PIXELS})
 */
public record QwenVision(long minPixels, long maxPixels, long videoMinPixels, long videoMaxPixels, long videoTotalPixels)
    implements Serializable {
  /** Pixels per side of the block one token covers (14-pixel patches, merged 2x2). */
  public static final int FACTOR = 28;
  /** The largest ratio of the longer side to the shorter that is accepted. */
  public static final int MAX_RATIO = 200;
  /** Frames per temporal patch. */
  public static final int FRAME_FACTOR = 2;

  /** qwen-vl-utils' defaults for Qwen2.5-VL (the video total: 90% of a 128k context). */
  public static QwenVision defaults() {
    long block = FACTOR * FACTOR;
    return new QwenVision(4 * block, 16384 * block, 128 * block, 768 * block, (long) (128000 * block * 0.9));
  }

  public QwenVision withImagePixels(long min, long max) {
    if (min <= 0 || max < min) {
      throw new IllegalArgumentException("--minPixels and --maxPixels must be positive, min <= max; were " + min + ", " + max);
    }
    return new QwenVision(min, max, videoMinPixels, videoMaxPixels, videoTotalPixels);
  }

  /** Visual tokens of an image {@code width} x {@code height} as stored. */
  public long imageTokens(long width, long height) throws MediaException {
    long[] hw = smartResize(height, width, minPixels, maxPixels);
    return (hw[0] / FACTOR) * (hw[1] / FACTOR);
  }

  /**
   * Visual tokens of a video of {@code frames} frames (already sampled, as a frame list is) of
   * {@code width} x {@code height}: the frames are padded to an even count, and each frame's area is
   * bounded by its share of the video total.
   */
  public long videoTokens(int frames, long width, long height) throws MediaException {
    long n = (long) Math.ceil(frames / (double) FRAME_FACTOR) * FRAME_FACTOR;
    double max = Math.max(Math.min(videoMaxPixels, videoTotalPixels / (double) n * FRAME_FACTOR), (long) (videoMinPixels * 1.05));
    long[] hw = smartResize(height, width, videoMinPixels, max);
    return (n / FRAME_FACTOR) * (hw[0] / FACTOR) * (hw[1] / FACTOR);
  }

  /**
   * {@code smart_resize}: {@code {height, width}} the processor resizes an image of {@code height} x
   * {@code width} to (also what {@code --resize=qwen-smart} stores, {@link io.omniprep.media.Resize}).
   */
  public static long[] smartResize(long height, long width, double minPixels, double maxPixels) throws MediaException {
    double ratio = Math.max(height, width) / (double) Math.min(height, width);
    if (ratio > MAX_RATIO) {
      throw new MediaException(Reason.EXTREME_ASPECT_RATIO, String.format(java.util.Locale.ROOT,
          "%dx%d has an aspect ratio of %.1f, over Qwen-VL's limit of %d", width, height, ratio, MAX_RATIO));
    }
    long h = Math.max(FACTOR, roundBy(height));
    long w = Math.max(FACTOR, roundBy(width));
    if ((double) h * w > maxPixels) {
      double beta = Math.sqrt(height * (double) width / maxPixels);
      h = Math.max(FACTOR, floorBy(height / beta));
      w = Math.max(FACTOR, floorBy(width / beta));
    } else if ((double) h * w < minPixels) {
      double beta = Math.sqrt(minPixels / (height * (double) width));
      h = ceilBy(height * beta);
      w = ceilBy(width * beta);
    }
    return new long[] {h, w};
  }

  private static long roundBy(double x) {
    return (long) Math.rint(x / FACTOR) * FACTOR; // rint: half to even, as Python's round
  }

  private static long floorBy(double x) {
    return (long) Math.floor(x / FACTOR) * FACTOR;
  }

  private static long ceilBy(double x) {
    return (long) Math.ceil(x / FACTOR) * FACTOR;
  }
}
