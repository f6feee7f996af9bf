package io.omniprep.wds.format;

import java.math.BigInteger;
import java.util.List;

/**
 * CPython's {@code random.Random(seed)} for integer seeds, bit-exact for {@link #getrandbits},
 * {@link #randbelow} and {@link #shuffle}: an MT19937 generator seeded with {@code init_by_array}
 * over the 32-bit little-endian words of |seed| (one zero word for seed 0). Energon and Pai shuffle
 * shard lists with {@code random.Random(42).shuffle}. Not thread-safe.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908B0DF;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7FFFFFFF;

  private final int[] mt = new int[N];
  private int index;

  /** Same as Python's {@code random.Random(seed)}. */
  public PythonRandom(long seed) {
    this(BigInteger.valueOf(seed));
  }

  /** Same as Python's {@code random.Random(seed)} for an arbitrarily large int. */
  public PythonRandom(BigInteger seed) {
    initByArray(keyWords(seed.abs()));
  }

  /** Python's {@code getrandbits(k)} for 0 &lt;= k &lt;= 63. */
  public long getrandbits(int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("k must be in [0, 63]: " + k);
    }
    if (k == 0) {
      return 0;
    }
    if (k <= 32) {
      return Integer.toUnsignedLong(next()) >>> (32 - k);
    }
    // CPython fills 32-bit words from least to most significant; only the last word is shortened.
    long low = Integer.toUnsignedLong(next());
    long high = Integer.toUnsignedLong(next()) >>> (64 - k);
    return (high << 32) | low;
  }

  /** Python's {@code _randbelow(n)}: draw bit_length(n) bits until the value is below n. */
  public long randbelow(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    int k = 64 - Long.numberOfLeadingZeros(n);
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return r;
  }

  /** Python's {@code shuffle(x)} (Fisher-Yates from the end), in place. */
  public <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = (int) randbelow(i + 1L);
      T tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }

  private static int[] keyWords(BigInteger n) {
    int words = Math.max(1, (n.bitLength() + 31) / 32);
    int[] key = new int[words];
    for (int i = 0; i < words; i++) {
      key[i] = n.shiftRight(32 * i).intValue();
    }
    return key;
  }

  private void initGenrand(int seed) {
    mt[0] = seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  // Reference MT19937 init_by_array; int arithmetic wraps modulo 2^32 as the C code's uint32 does.
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

  /** The next tempered 32-bit output (CPython's genrand_uint32). */
  private int next() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9D2C5680;
    y ^= (y << 15) & 0xEFC60000;
    y ^= y >>> 18;
    return y;
  }

  private void twist() {
    for (int kk = 0; kk < N; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
      mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    index = 0;
  }
}
