package io.omniprep.shard;

import io.omniprep.shard.PlanKeys.Chunk;
import io.omniprep.shard.PlanKeys.ChunkCoder;
import io.omniprep.shard.PlanKeys.CountShard;
import io.omniprep.shard.PlanKeys.CountShardCoder;
import io.omniprep.shard.PlanKeys.Cuts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/** The steps of {@link PlanShards}, in the order they run. */
final class PlanShardsFns {
  private PlanShardsFns() {}

  static final class KeyByChunk<T> extends DoFn<T, KV<Chunk, T>> {
    private final SerializableFunction<T, ShardOrder> order;
    private final List<String> buckets;

    KeyByChunk(SerializableFunction<T, ShardOrder> order, List<String> buckets) {
      this.order = order;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element T item, OutputReceiver<KV<Chunk, T>> out) {
      ShardOrder o = order.apply(item);
      int bucket = buckets.indexOf(o.bucket());
      if (bucket < 0) {
        throw new IllegalStateException("item in unknown bucket '" + o.bucket() + "' (known: " + buckets + ")");
      }
      out.output(KV.of(new Chunk(bucket, o.group(), Math.floorDiv(o.position(), PlanShards.CHUNK)), item));
    }
  }

  /** Sorts one chunk (at most CHUNK positions) and numbers its items. */
  static final class RankWithinChunk<T> extends DoFn<KV<Chunk, Iterable<T>>, KV<Chunk, KV<Integer, T>>> {
    private final SerializableFunction<T, ShardOrder> order;
    private final TupleTag<KV<Chunk, KV<Integer, T>>> ranked;
    private final TupleTag<KV<Chunk, Long>> sizes;

    RankWithinChunk(
        SerializableFunction<T, ShardOrder> order,
        TupleTag<KV<Chunk, KV<Integer, T>>> ranked,
        TupleTag<KV<Chunk, Long>> sizes) {
      this.order = order;
      this.ranked = ranked;
      this.sizes = sizes;
    }

    @ProcessElement
    public void process(@Element KV<Chunk, Iterable<T>> chunk, MultiOutputReceiver out) {
      List<KV<ShardOrder, T>> items = new ArrayList<>();
      for (T item : chunk.getValue()) {
        items.add(KV.of(order.apply(item), item));
      }
      items.sort(Comparator.comparing(KV::getKey, ShardOrder.ORDER));
      for (int i = 0; i < items.size(); i++) {
        out.get(ranked).output(KV.of(chunk.getKey(), KV.of(i, items.get(i).getValue())));
      }
      out.get(sizes).output(KV.of(chunk.getKey(), (long) items.size()));
    }
  }

  /** Chunk sizes → each chunk's first rank within its bucket. */
  static final class ChunkOffsets extends CombineFn<KV<Chunk, Long>, List<KV<Chunk, Long>>, Map<Chunk, Long>> {
    @Override
    public List<KV<Chunk, Long>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<Chunk, Long>> addInput(List<KV<Chunk, Long>> acc, KV<Chunk, Long> input) {
      acc.add(input);
      return acc;
    }

    @Override
    public List<KV<Chunk, Long>> mergeAccumulators(Iterable<List<KV<Chunk, Long>>> accs) {
      List<KV<Chunk, Long>> merged = new ArrayList<>();
      for (List<KV<Chunk, Long>> acc : accs) {
        merged.addAll(acc);
      }
      return merged;
    }

    @Override
    public Map<Chunk, Long> extractOutput(List<KV<Chunk, Long>> acc) {
      List<KV<Chunk, Long>> sorted = new ArrayList<>(acc);
      sorted.sort(Comparator.comparing(KV::getKey, Chunk.ORDER));
      Map<Chunk, Long> offsets = new HashMap<>();
      int bucket = -1;
      long offset = 0;
      for (KV<Chunk, Long> kv : sorted) {
        if (kv.getKey().bucket() != bucket) {
          bucket = kv.getKey().bucket();
          offset = 0;
        }
        offsets.put(kv.getKey(), offset);
        offset += kv.getValue();
      }
      return offsets;
    }

    @Override
    public Coder<List<KV<Chunk, Long>>> getAccumulatorCoder(CoderRegistry r, Coder<KV<Chunk, Long>> in) {
      return ListCoder.of(KvCoder.of(new ChunkCoder(), VarLongCoder.of()));
    }

    @Override
    public Coder<Map<Chunk, Long>> getDefaultOutputCoder(CoderRegistry r, Coder<KV<Chunk, Long>> in) {
      return PlanShards.chunkOffsetsCoder();
    }
  }

  /** Global rank → block of maxItems ({@link CountShard}) and index in the block. */
  static final class AssignBlocks<T> extends DoFn<KV<Chunk, KV<Integer, T>>, KV<CountShard, KV<Integer, T>>> {
    private final SerializableFunction<T, ShardOrder> order;
    private final int maxItems;
    private final PCollectionView<Map<Chunk, Long>> offsets;
    private final TupleTag<KV<CountShard, KV<Integer, T>>> blocked;
    private final TupleTag<KV<CountShard, KV<Integer, Long>>> weights;

    AssignBlocks(
        SerializableFunction<T, ShardOrder> order,
        int maxItems,
        PCollectionView<Map<Chunk, Long>> offsets,
        TupleTag<KV<CountShard, KV<Integer, T>>> blocked,
        TupleTag<KV<CountShard, KV<Integer, Long>>> weights) {
      this.order = order;
      this.maxItems = maxItems;
      this.offsets = offsets;
      this.blocked = blocked;
      this.weights = weights;
    }

    @ProcessElement
    public void process(@Element KV<Chunk, KV<Integer, T>> item, MultiOutputReceiver out, ProcessContext c) {
      Long offset = c.sideInput(offsets).get(item.getKey());
      long rank = offset + item.getValue().getKey();
      int bucket = item.getKey().bucket();
      CountShard block = new CountShard(bucket, rank / maxItems);
      int index = (int) (rank % maxItems);
      T value = item.getValue().getValue();
      out.get(blocked).output(KV.of(block, KV.of(index, value)));
      out.get(weights).output(KV.of(block, KV.of(index, order.apply(value).weight())));
    }
  }

  /** One block's weights → the indices where its shards start (never empty: 0 comes first). */
  static final class CutByBytes extends CombineFn<KV<Integer, Long>, Map<Integer, Long>, List<Integer>> {
    private final long maxBytes;

    CutByBytes(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public Map<Integer, Long> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<Integer, Long> addInput(Map<Integer, Long> acc, KV<Integer, Long> input) {
      acc.put(input.getKey(), input.getValue());
      return acc;
    }

    @Override
    public Map<Integer, Long> mergeAccumulators(Iterable<Map<Integer, Long>> accs) {
      Map<Integer, Long> merged = new HashMap<>();
      for (Map<Integer, Long> acc : accs) {
        merged.putAll(acc);
      }
      return merged;
    }

    @Override
    public List<Integer> extractOutput(Map<Integer, Long> acc) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      long bytes = 0;
      for (int i = 0; i < acc.size(); i++) {
        long w = acc.getOrDefault(i, 0L);
        if (i > starts.get(starts.size() - 1) && bytes + w > maxBytes) {
          starts.add(i);
          bytes = 0;
        }
        bytes += w;
      }
      return starts;
    }

    @Override
    public Coder<Map<Integer, Long>> getAccumulatorCoder(CoderRegistry r, Coder<KV<Integer, Long>> in) {
      return MapCoder.of(VarIntCoder.of(), VarLongCoder.of());
    }
  }

  /** All blocks' cuts → consecutive shard numbers over buckets and blocks. */
  static final class NumberShards
      extends CombineFn<KV<CountShard, List<Integer>>, List<KV<CountShard, List<Integer>>>, Map<CountShard, Cuts>> {
    @Override
    public List<KV<CountShard, List<Integer>>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<CountShard, List<Integer>>> addInput(
        List<KV<CountShard, List<Integer>>> acc, KV<CountShard, List<Integer>> input) {
      acc.add(input);
      return acc;
    }

    @Override
    public List<KV<CountShard, List<Integer>>> mergeAccumulators(Iterable<List<KV<CountShard, List<Integer>>>> accs) {
      List<KV<CountShard, List<Integer>>> merged = new ArrayList<>();
      for (List<KV<CountShard, List<Integer>>> acc : accs) {
        merged.addAll(acc);
      }
      return merged;
    }

    @Override
    public Map<CountShard, Cuts> extractOutput(List<KV<CountShard, List<Integer>>> acc) {
      List<KV<CountShard, List<Integer>>> sorted = new ArrayList<>(acc);
      sorted.sort(Comparator.comparing(KV::getKey, CountShard.ORDER));
      Map<CountShard, Cuts> cuts = new LinkedHashMap<>();
      int next = 0;
      for (KV<CountShard, List<Integer>> kv : sorted) {
        int[] starts = kv.getValue().stream().mapToInt(Integer::intValue).toArray();
        cuts.put(kv.getKey(), new Cuts(next, starts));
        next += starts.length;
      }
      return cuts;
    }

    @Override
    public Coder<List<KV<CountShard, List<Integer>>>> getAccumulatorCoder(
        CoderRegistry r, Coder<KV<CountShard, List<Integer>>> in) {
      return ListCoder.of(KvCoder.of(new CountShardCoder(), ListCoder.of(VarIntCoder.of())));
    }

    @Override
    public Coder<Map<CountShard, Cuts>> getDefaultOutputCoder(CoderRegistry r, Coder<KV<CountShard, List<Integer>>> in) {
      return PlanShards.cutsCoder();
    }
  }

  static final class AssignShards<T> extends DoFn<KV<CountShard, KV<Integer, T>>, KV<ShardId, KV<Integer, T>>> {
    private final List<String> buckets;
    private final PCollectionView<Map<CountShard, Cuts>> cuts;

    AssignShards(List<String> buckets, PCollectionView<Map<CountShard, Cuts>> cuts) {
      this.buckets = buckets;
      this.cuts = cuts;
    }

    @ProcessElement
    public void process(@Element KV<CountShard, KV<Integer, T>> item, OutputReceiver<KV<ShardId, KV<Integer, T>>> out, ProcessContext c) {
      int[] shardAndIndex = c.sideInput(cuts).get(item.getKey()).locate(item.getValue().getKey());
      ShardId shard = new ShardId(buckets.get(item.getKey().bucket()), shardAndIndex[0]);
      out.output(KV.of(shard, KV.of(shardAndIndex[1], item.getValue().getValue())));
    }
  }

  /** A shard's items (at most maxItems) in their planned order. */
  static final class SortShard<T> extends DoFn<KV<ShardId, Iterable<KV<Integer, T>>>, KV<ShardId, List<T>>> {
    @ProcessElement
    public void process(@Element KV<ShardId, Iterable<KV<Integer, T>>> shard, OutputReceiver<KV<ShardId, List<T>>> out) {
      List<KV<Integer, T>> items = new ArrayList<>();
      for (KV<Integer, T> item : shard.getValue()) {
        items.add(item);
      }
      items.sort(Comparator.comparing(KV::getKey));
      List<T> values = new ArrayList<>(items.size());
      for (KV<Integer, T> item : items) {
        values.add(item.getValue());
      }
      out.output(KV.of(shard.getKey(), values));
    }
  }
}
