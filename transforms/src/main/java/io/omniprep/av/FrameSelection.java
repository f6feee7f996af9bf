package io.omniprep.av;

import io.omniprep.json.PythonFloatRepr;

import java.util.Arrays;

/**
 * The frame-selection rules, as pure functions of frame counts and rates (no decoding).
 *
 * <ul>
 *   <li>Interval mode (Pai-Megatron-Patch {@code build_llava_frame_dataset.py}):
 *       {@link #interval}, {@link #effectiveFps}.
 *   <li>Count mode (numpy {@code linspace(0, n-1, count).astype(int)}): {@link #linspace}.
 *   <li>Ola patch packing: {@link #atRate}, {@link #forPatch}.
 * </ul>
 *
 * All index arrays are strictly increasing, zero-based source frame indices below {@code n}. Like
 * the reference, the rules work on frame indices and the container's nominal fps, so for
 * variable-frame-rate video "seconds" are approximate.
 */
public final class FrameSelection {
  private FrameSelection() {}

  /**
   * Keep-every-Nth interval of the reference: {@code max(1, int(fps * seconds))}, truncating
   * toward zero like Python's {@code int()}.
   */
  public static int interval(double fps, double seconds) {
    double v = fps * seconds;
    return Math.max(1, Double.isNaN(v) ? 0 : (int) v);
  }

  /**
   * The rate the reference stores in its fps sidecar: {@code str(fps / interval)} as Python prints
   * it, e.g. {@code "2.0"} for 30 fps every 15 frames.
   */
  public static String effectiveFps(double fps, int interval) {
    return PythonFloatRepr.repr(fps / interval);
  }

  /**
   * {@code count} indices spread uniformly over {@code n} frames, first and last included:
   * {@code numpy.linspace(0, n-1, count)} truncated to int, computed with numpy's floating-point
   * steps ({@code i * ((n-1)/(count-1))}, last element forced to {@code n-1}) so that rounding
   * quirks match. When {@code count >= n} every frame is returned once (linspace would repeat
   * frames); {@code count == 1} gives frame 0.
   */
  public static long[] linspace(long n, int count) {
    if (n <= 0 || count <= 0) {
      return new long[0];
    }
    if (count >= n) {
      long[] all = new long[(int) n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    long[] out = new long[count];
    if (count == 1) {
      return out;
    }
    double step = (double) (n - 1) / (count - 1);
    for (int i = 0; i < count; i++) {
      out[i] = (long) (i * step);
    }
    out[count - 1] = n - 1;
    return distinct(out);
  }

  /**
   * Frames sampled at {@code targetFps} from a video of {@code n} frames at {@code fps}: for
   * k = 0, 1, 2, ... the frame shown at time {@code k / targetFps}, i.e. index
   * {@code floor(k * fps / targetFps)} (with a 1e-9 guard against floating-point undershoot),
   * while it is below {@code n}. Time-based, so it does not drift with non-integer fps ratios.
   * Duplicates (targetFps above fps) collapse, giving every frame.
   *
   * @throws IllegalArgumentException if fps or targetFps is not positive
   */
  public static long[] atRate(long n, double fps, double targetFps) {
    if (!(fps > 0) || !(targetFps > 0)) {
      throw new IllegalArgumentException("fps and target fps must be > 0: " + fps + ", " + targetFps);
    }
    if (n <= 0) {
      return new long[0];
    }
    double perStep = fps / targetFps;
    if (perStep <= 1) {
      return linspace(n, (int) Math.min(n, Integer.MAX_VALUE));
    }
    long count = (long) Math.ceil(n / perStep) + 1;
    long[] out = new long[(int) Math.min(count, n)];
    int m = 0;
    long last = -1;
    for (long k = 0; m < out.length; k++) {
      long idx = (long) Math.floor(k * perStep + 1e-9);
      if (idx >= n) {
        break;
      }
      if (idx != last) {
        out[m++] = idx;
        last = idx;
      }
    }
    return Arrays.copyOf(out, m);
  }

  /**
   * Ola patch selection: the frames at {@code targetFps} ({@link #atRate}); if that is more than
   * {@code maxFrames}, instead {@code maxFrames} frames spread uniformly over the whole video
   * ({@link #linspace}), first and last included. Ola's loader keeps all stored frames when there
   * are at most {@code frames_upbound} of them and applies the same linspace otherwise, so with
   * {@code maxFrames <= frames_upbound} the loader uses exactly these frames. If fps is unknown
   * (&lt;= 0) the uniform rule is used directly.
   */
  public static long[] forPatch(long n, double fps, double targetFps, int maxFrames) {
    if (maxFrames <= 0) {
      throw new IllegalArgumentException("maxFrames must be > 0: " + maxFrames);
    }
    if (!(fps > 0)) {
      return linspace(n, maxFrames);
    }
    long[] atRate = atRate(n, fps, targetFps);
    return atRate.length <= maxFrames ? atRate : linspace(n, maxFrames);
  }

  private static long[] distinct(long[] sorted) {
    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (m == 0 || sorted[i] != sorted[m - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    return m == sorted.length ? sorted : Arrays.copyOf(sorted, m);
  }
}
