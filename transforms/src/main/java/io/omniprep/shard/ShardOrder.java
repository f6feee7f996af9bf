package io.omniprep.shard;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where an item goes and how heavy it is: its bucket (e.g. the split), its place in the output
 * order ({@code group}, then {@code position}, then {@code ordinal}), and its weight in bytes.
 */
public final class ShardOrder implements Serializable {
  static final Comparator<ShardOrder> ORDER =
      Comparator.comparing((ShardOrder o) -> o.group)
          .thenComparingLong(o -> o.position)
          .thenComparingInt(o -> o.ordinal)
          .thenComparing(o -> o.tiebreak);

  private final String bucket;
  private final String group;
  private final long position;
  private final int ordinal;
  private final long weight;
  private final String tiebreak;

  public ShardOrder(String bucket, String group, long position, int ordinal, long weight) {
    this(bucket, group, position, ordinal, weight, "");
  }

  /**
   * With a {@code tiebreak} compared last, for items whose (group, position, ordinal) may repeat:
   * the order must be total for the output to be deterministic.
   */
  public ShardOrder(String bucket, String group, long position, int ordinal, long weight, String tiebreak) {
    this.bucket = Objects.requireNonNull(bucket);
    this.group = Objects.requireNonNull(group);
    this.position = position;
    this.ordinal = ordinal;
    this.weight = weight;
    this.tiebreak = Objects.requireNonNull(tiebreak);
  }

  public String bucket() {
    return bucket;
  }

  public String group() {
    return group;
  }

  public long position() {
    return position;
  }

  public int ordinal() {
    return ordinal;
  }

  public long weight() {
    return weight;
  }
}
