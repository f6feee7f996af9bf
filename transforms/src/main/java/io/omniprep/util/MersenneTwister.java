package io.omniprep.util;

/**
 * The MT19937 generator of Matsumoto and Nishimura, as CPython's {@code random} and numpy's legacy
 * {@code RandomState} both use it: the two seedings of the reference code ({@code init_genrand},
 * {@code init_by_array}) and its tempered 32-bit output. Int arithmetic wraps modulo 2^32 as the C
 * code's uint32 does. Not thread-safe.
 */
public final class MersenneTwister {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908B0DF;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7FFFFFFF;

  private final int[] mt = new int[N];
  private int index;

  private MersenneTwister() {}

  /** {@code init_genrand(seed)}: numpy's {@code RandomState(seed)}. */
  public static MersenneTwister seeded(int seed) {
    MersenneTwister g = new MersenneTwister();
    g.initGenrand(seed);
    return g;
  }

  /** {@code init_by_array(key)}: CPython's {@code random.seed} over the seed's 32-bit words. */
  public static MersenneTwister seededByArray(int[] key) {
    MersenneTwister g = new MersenneTwister();
    g.initByArray(key);
    return g;
  }

  /** The next tempered 32-bit output ({@code genrand_uint32}), unsigned. */
  public long nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9D2C5680;
    y ^= (y << 15) & 0xEFC60000;
    y ^= y >>> 18;
    return Integer.toUnsignedLong(y);
  }

  private void initGenrand(int seed) {
    mt[0] = seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private void twist() {
    for (int kk = 0; kk < N; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
      mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    index = 0;
  }
}
