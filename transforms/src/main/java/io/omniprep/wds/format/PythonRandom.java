package io.omniprep.wds.format;

import io.omniprep.util.MersenneTwister;
import java.math.BigInteger;
import java.util.List;

/**
 * CPython's {@code random.Random(seed)} for integer seeds, bit-exact for {@link #getrandbits},
 * {@link #randbelow} and {@link #shuffle}: an MT19937 generator seeded with {@code init_by_array}
 * over the 32-bit little-endian words of |seed| (one zero word for seed 0). Energon and Pai shuffle
 * shard lists with {@code random.Random(42).shuffle}. Not thread-safe.
 */
public final class PythonRandom {
  private final MersenneTwister mt;

  /** Same as Python's {@code random.Random(seed)}. */
  public PythonRandom(long seed) {
    this(BigInteger.valueOf(seed));
  }

  /** Same as Python's {@code random.Random(seed)} for an arbitrarily large int. */
  public PythonRandom(BigInteger seed) {
    mt = MersenneTwister.seededByArray(keyWords(seed.abs()));
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
      return mt.nextUint32() >>> (32 - k);
    }
    // CPython fills 32-bit words from least to most significant; only the last word is shortened.
    long low = mt.nextUint32();
    long high = mt.nextUint32() >>> (64 - k);
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
}
