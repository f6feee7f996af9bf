package io.omniprep.mixture;

import io.omniprep.util.MersenneTwister;

/**
 * The part of numpy's legacy {@code numpy.random.RandomState} that {@code
 * pandas.DataFrame.sample(n, random_state=seed)} uses, ported so that {@code random:N} picks the
 * very rows the reference picks: the MT19937 generator with numpy's integer seeding, {@code
 * random_interval} (a masked draw, redrawn until it is in range) and the Fisher-Yates shuffle
 * behind {@code permutation}.
 *
 * <p>{@code DataFrame.sample(n=N, random_state=s)} without weights calls {@code
 * RandomState(s).choice(len, N, replace=False)}, which is {@code permutation(len)[:N]}: a shuffle
 * of {@code arange(len)} that swaps position i (from len-1 down to 1) with a draw in [0, i].
 */
public final class NumpyRandomState {
  private final MersenneTwister mt;

  /** {@code RandomState(seed)} for 0 ≤ seed < 2^32. */
  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, was " + seed);
    }
    mt = MersenneTwister.seeded((int) seed);
  }

  /** The next 32 random bits, as an unsigned value. */
  public long nextUint32() {
    return mt.nextUint32();
  }

  /** numpy's {@code random_interval(max)}: uniform in [0, max], for max < 2^32. */
  long randomInterval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = nextUint32() & mask;
    } while (value > max);
    return value;
  }

  /**
   * {@code permutation(length)[:n]}. Holds the whole permutation while shuffling: 4 bytes per row,
   * so 100 million rows take 400 MB; {@code length} must stay below 2^31.
   */
  public int[] permutationPrefix(long length, int n) {
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "random sampling supports up to 2^31 - 9 rows, not " + length);
    }
    if (n < 0 || n > length) {
      throw new IllegalArgumentException("cannot take " + n + " rows from " + length);
    }
    int[] values = new int[(int) length];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    for (int i = values.length - 1; i >= 1; i--) {
      int j = (int) randomInterval(i);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return java.util.Arrays.copyOf(values, n);
  }
}
