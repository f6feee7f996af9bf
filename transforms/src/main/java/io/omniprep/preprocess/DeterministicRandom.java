package io.omniprep.preprocess;

import io.omniprep.util.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A small random generator whose output is fixed by its seed on every JVM: SplitMix64 (Steele, Lea
 * and Flood, 2014), written out here because {@code java.util.SplittableRandom} does not promise
 * its algorithm across Java versions. Seeds come from text (the run seed and a row's identity)
 * through SHA-256, so neighbouring rows get unrelated streams.
 */
public final class DeterministicRandom {
  private long state;

  public DeterministicRandom(long seed) {
    this.state = seed;
  }

  /**
   * A generator seeded by the UTF-8 bytes of {@code parts}, each length-prefixed so they cannot run
   * together.
   */
  public static DeterministicRandom seededBy(String... parts) {
    MessageDigest sha = Sha256.newDigest();
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      sha.update(bytes);
    }
    return new DeterministicRandom(ByteBuffer.wrap(sha.digest()).getLong());
  }

  public long nextLong() {
    long z = (state += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1), 53 bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    long limit = (1L << 32) - ((1L << 32) % bound);
    long draw;
    do {
      draw = nextLong() >>> 32;
    } while (draw >= limit);
    return (int) (draw % bound);
  }

  /** Uniform in [from, to], both included. */
  public int nextIntBetween(int from, int to) {
    return from + nextInt(to - from + 1);
  }
}
