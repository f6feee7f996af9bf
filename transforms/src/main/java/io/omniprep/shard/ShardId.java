package io.omniprep.shard;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One output shard: its bucket (e.g. the split) and its number, consecutive over all buckets. */
public final class ShardId implements Serializable, Comparable<ShardId> {
  private final String bucket;
  private final int number;

  public ShardId(String bucket, int number) {
    this.bucket = Objects.requireNonNull(bucket);
    this.number = number;
  }

  public String bucket() {
    return bucket;
  }

  public int number() {
    return number;
  }

  @Override
  public int compareTo(ShardId o) {
    return Integer.compare(number, o.number);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ShardId && bucket.equals(((ShardId) o).bucket) && number == ((ShardId) o).number;
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, number);
  }

  @Override
  public String toString() {
    return bucket + "#" + number;
  }

  /** Deterministic coder (shard ids are grouping keys). */
  public static final class Coder extends CustomCoder<ShardId> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ShardId id, OutputStream out) throws IOException {
      Wire.writeString(id.bucket, out);
      Wire.writeInt(id.number, out);
    }

    @Override
    public ShardId decode(InputStream in) throws IOException {
      return new ShardId(Wire.readString(in), Wire.readInt(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
