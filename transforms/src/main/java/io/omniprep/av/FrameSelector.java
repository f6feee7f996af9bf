package io.omniprep.av;

import java.util.Arrays;

/**
 * Decides, frame by frame in decoding order, which source frames to emit. Indices are zero-based
 * positions in the sequence of frames the decoder outputs (presentation order).
 */
public interface FrameSelector {
  /** Whether frame {@code index} is wanted. */
  boolean selects(long index);

  /** The largest index this selector can want; decoding stops after it. */
  default long lastIndex() {
    return Long.MAX_VALUE;
  }

  /** Every frame whose index is divisible by {@code interval} (interval mode). */
  static FrameSelector everyNth(int interval) {
    if (interval < 1) {
      throw new IllegalArgumentException("interval must be >= 1: " + interval);
    }
    return index -> index % interval == 0;
  }

  /** Exactly the given indices, which must be strictly increasing and non-negative. */
  static FrameSelector indices(long... indices) {
    long[] copy = indices.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0 || (i > 0 && copy[i] <= copy[i - 1])) {
        throw new IllegalArgumentException("indices must be increasing and >= 0");
      }
    }
    long last = copy.length == 0 ? -1 : copy[copy.length - 1];
    return new FrameSelector() {
      @Override
      public boolean selects(long index) {
        return Arrays.binarySearch(copy, index) >= 0;
      }

      @Override
      public long lastIndex() {
        return last;
      }
    };
  }
}
