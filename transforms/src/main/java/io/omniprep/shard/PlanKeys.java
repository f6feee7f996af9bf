package io.omniprep.shard;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Comparator;
import org.apache.beam.sdk.coders.CustomCoder;

/** The grouping keys of {@link PlanShards}, with deterministic coders. */
final class PlanKeys {
  private PlanKeys() {}

  /** A run of at most {@link PlanShards#CHUNK} consecutive positions of one group in one bucket. */
  record Chunk(int bucket, String group, long index) implements Serializable {
    static final Comparator<Chunk> ORDER =
        Comparator.comparingInt(Chunk::bucket).thenComparing(Chunk::group).thenComparingLong(Chunk::index);
  }

  /** The k-th block of {@code maxItems} consecutive items of a bucket, before byte splitting. */
  record CountShard(int bucket, long k) implements Serializable {
    static final Comparator<CountShard> ORDER =
        Comparator.comparingInt(CountShard::bucket).thenComparingLong(CountShard::k);
  }

  /** A count shard's final shards: the first shard number and where each one starts. */
  record Cuts(int firstShard, int[] starts) implements Serializable {
    /** The shard holding item {@code index} of the count shard, and the item's index in it. */
    int[] locate(int index) {
      int sub = 0;
      while (sub + 1 < starts.length && starts[sub + 1] <= index) {
        sub++;
      }
      return new int[] {firstShard + sub, index - starts[sub]};
    }
  }

  static final class ChunkCoder extends CustomCoder<Chunk> {
    @Override
    public void encode(Chunk c, OutputStream out) throws IOException {
      Wire.writeInt(c.bucket(), out);
      Wire.writeString(c.group(), out);
      Wire.writeLong(c.index(), out);
    }

    @Override
    public Chunk decode(InputStream in) throws IOException {
      return new Chunk(Wire.readInt(in), Wire.readString(in), Wire.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  static final class CountShardCoder extends CustomCoder<CountShard> {
    @Override
    public void encode(CountShard c, OutputStream out) throws IOException {
      Wire.writeInt(c.bucket(), out);
      Wire.writeLong(c.k(), out);
    }

    @Override
    public CountShard decode(InputStream in) throws IOException {
      return new CountShard(Wire.readInt(in), Wire.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  static final class CutsCoder extends CustomCoder<Cuts> {
    @Override
    public void encode(Cuts c, OutputStream out) throws IOException {
      Wire.writeInt(c.firstShard(), out);
      Wire.writeInt(c.starts().length, out);
      for (int s : c.starts()) {
        Wire.writeInt(s, out);
      }
    }

    @Override
    public Cuts decode(InputStream in) throws IOException {
      int first = Wire.readInt(in);
      int[] starts = new int[Wire.readInt(in)];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = Wire.readInt(in);
      }
      return new Cuts(first, starts);
    }
  }
}
