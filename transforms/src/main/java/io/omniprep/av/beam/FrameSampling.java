package io.omniprep.av.beam;

import static io.omniprep.util.Args.check;

import java.io.Serializable;

/** Which frames of a video are kept: one every N seconds (the reference's rule) or N uniform frames. */
public final class FrameSampling implements Serializable {
  private final double seconds;
  private final int count;

  private FrameSampling(double seconds, int count) {
    this.seconds = seconds;
    this.count = count;
  }

  /**
   * Every {@code max(1, int(fps * seconds))}-th source frame, as Pai's {@code
   * build_llava_frame_dataset.py --time-interval}; the sidecar fps is {@code fps / interval}.
   */
  public static FrameSampling everySeconds(double seconds) {
    check(seconds > 0 && !Double.isInfinite(seconds), "seconds must be positive, was %s", seconds);
    return new FrameSampling(seconds, 0);
  }

  /**
   * {@code count} frames spread uniformly, first and last included (all frames when the video has
   * fewer); the sidecar fps is the rate between the first and last kept frame.
   */
  public static FrameSampling uniform(int count) {
    check(count >= 1, "count must be at least 1, was %s", count);
    return new FrameSampling(0, count);
  }

  /** Seconds between kept frames, or 0 in uniform mode. */
  double seconds() {
    return seconds;
  }

  /** Frames to keep in uniform mode, or 0 in interval mode. */
  int count() {
    return count;
  }

  @Override
  public String toString() {
    return seconds > 0 ? "every " + seconds + " s" : count + " uniform frames";
  }
}
