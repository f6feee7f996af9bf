package io.omniprep.shuffle;

import io.omniprep.util.Sha256;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code --shuffle=SEED}: where a sample goes and in what order, a function of the seed and its key
 * only. With {@code d = SHA-256(SEED + "\n" + KEY)}, the sample's bucket is the first 8 bytes of
 * {@code d} (unsigned, big-endian) modulo the bucket count, its rank within the bucket the next 8
 * (ties, which need a 64-bit collision, broken by the key). SHA-256 so that anyone can recompute the
 * order with any language's standard library.
 */
public final class Shuffle implements Serializable {
  /** No shuffle: samples in record order. */
  public static final @Nullable Shuffle NONE = null;

  private final long seed;

  private Shuffle(long seed) {
    this.seed = seed;
  }

  public static Shuffle withSeed(long seed) {
    return new Shuffle(seed);
  }

  /** {@code none} (null: no shuffle) or a seed, a decimal integer. */
  public static @Nullable Shuffle parse(String value) {
    String v = value == null ? "none" : value.trim();
    if (v.equals("none")) {
      return NONE;
    }
    try {
      return new Shuffle(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shuffle expects none or a seed (a whole number, e.g. 42), got '" + value + "'");
    }
  }

  public long seed() {
    return seed;
  }

  /**
   * How many buckets {@code records} are dealt to so that a bucket rarely exceeds {@code limit}:
   * bucket sizes vary binomially, so the expected size is kept four standard deviations (about
   * {@code 4 √limit}) under the limit, or at half the limit where that is more (small limits,
   * where four deviations would leave buckets of one). A bucket over it anyway is cut into more
   * shards.
   */
  public static int bucketCount(long records, int limit) {
    long target = Math.max(1, Math.max(limit / 2, (long) Math.floor(limit - 4 * Math.sqrt(limit))));
    long buckets = Math.max(1, (records + target - 1) / target);
    if (buckets > Integer.MAX_VALUE) {
      throw new IllegalStateException("more than 2^31 shuffle buckets: raise --maxSamplesPerShard");
    }
    return (int) buckets;
  }

  /** The bucket of the sample keyed {@code key} among {@code buckets}. */
  public int bucket(String key, int buckets) {
    return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest(key)).getLong(0), buckets);
  }

  /** The rank of {@code key} within its bucket (compare unsigned). */
  public long rank(String key) {
    return ByteBuffer.wrap(digest(key)).getLong(8);
  }

  /** {@code items} by the rank of their keys, then by key (each key hashed once). */
  public <T> List<T> sorted(List<T> items, Function<T, String> key) {
    record Ranked<T>(long rank, String key, T item) {}
    List<Ranked<T>> ranked = new ArrayList<>(items.size());
    for (T item : items) {
      String k = key.apply(item);
      ranked.add(new Ranked<>(rank(k), k, item));
    }
    ranked.sort(Comparator.<Ranked<T>>comparingLong(r -> r.rank() ^ Long.MIN_VALUE).thenComparing(Ranked::key));
    List<T> out = new ArrayList<>(items.size());
    ranked.forEach(r -> out.add(r.item()));
    return out;
  }

  private byte[] digest(String key) {
    return Sha256.of(seed + "\n" + key);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "shuffle %d", seed);
  }
}
