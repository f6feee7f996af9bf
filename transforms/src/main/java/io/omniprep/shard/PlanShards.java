package io.omniprep.shard;

import static io.omniprep.util.Args.check;

import io.omniprep.shard.PlanKeys.Chunk;
import io.omniprep.shard.PlanKeys.ChunkCoder;
import io.omniprep.shard.PlanKeys.CountShard;
import io.omniprep.shard.PlanKeys.CountShardCoder;
import io.omniprep.shard.PlanKeys.Cuts;
import io.omniprep.shard.PlanKeys.CutsCoder;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Assigns items to numbered shards deterministically: the same items give the same shards, in the
 * same order, whatever the runner, worker count or bundle sizes. Within each bucket (e.g. a split)
 * items are ordered by {@link ShardOrder} (group, position, ordinal) and cut every {@code maxItems}
 * items; a block whose weight exceeds {@code maxBytes} is cut further, so that no shard exceeds it
 * unless one item alone does. Shards are numbered consecutively over the one bucket, {@code all}.
 *
 * <p>Scales without any step holding the whole input: items are ranked within chunks of {@value
 * #CHUNK} positions, chunk offsets and per-block cuts are small side inputs, and each output shard
 * holds at most {@code maxItems} items, which arrive sorted.
 *
 * <pre>{@code
 * PCollection<KV<ShardId, List<Sample>>> shards =
 *     samples.apply(PlanShards.of(s -> new ShardOrder("all", s.source(), s.position(), s.ordinal(), s.resolvedBytes()))
 *         .withMaxItems(10_000).withMaxBytes(1L << 30));
 * }</pre>
 */
public final class PlanShards<T> extends PTransform<PCollection<T>, PCollection<KV<ShardId, List<T>>>> {
  static final long CHUNK = 8192;

  /** Every item's {@link ShardOrder#bucket()} is this one. */
  private static final List<String> ONE_BUCKET = List.of("all");

  private final SerializableFunction<T, ShardOrder> order;
  private final int maxItems;
  private final long maxBytes;

  private PlanShards(SerializableFunction<T, ShardOrder> order, int maxItems, long maxBytes) {
    this.order = order;
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
  }

  /** One bucket named {@code all}, 10,000 items and 1 GiB per shard. */
  public static <T> PlanShards<T> of(SerializableFunction<T, ShardOrder> order) {
    check(order != null, "order can not be null");
    return new PlanShards<>(order, 10_000, 1L << 30);
  }

  public PlanShards<T> withMaxItems(int maxItems) {
    check(maxItems > 0, "maxItems must be positive, was %s", maxItems);
    return new PlanShards<>(order, maxItems, maxBytes);
  }

  /** Maximum summed weight per shard; 0 or less means no limit. */
  public PlanShards<T> withMaxBytes(long maxBytes) {
    return new PlanShards<>(order, maxItems, maxBytes <= 0 ? Long.MAX_VALUE : maxBytes);
  }

  @Override
  public PCollection<KV<ShardId, List<T>>> expand(PCollection<T> items) {
    Coder<T> itemCoder = items.getCoder();
    ChunkCoder chunkCoder = new ChunkCoder();
    CountShardCoder countShardCoder = new CountShardCoder();

    TupleTag<KV<Chunk, KV<Integer, T>>> ranked = new TupleTag<KV<Chunk, KV<Integer, T>>>() {};
    TupleTag<KV<Chunk, Long>> chunkSizes = new TupleTag<KV<Chunk, Long>>() {};
    PCollectionTuple rankedTuple =
        items
            .apply("Key by chunk", ParDo.of(new PlanShardsFns.KeyByChunk<>(order, ONE_BUCKET)))
            .setCoder(KvCoder.of(chunkCoder, itemCoder))
            .apply("Group chunks", GroupByKey.create())
            .apply("Rank within chunk", ParDo.of(new PlanShardsFns.RankWithinChunk<>(order, ranked, chunkSizes))
                .withOutputTags(ranked, TupleTagList.of(chunkSizes)));
    PCollectionView<Map<Chunk, Long>> chunkOffsets =
        rankedTuple
            .get(chunkSizes)
            .setCoder(KvCoder.of(chunkCoder, VarLongCoder.of()))
            .apply("Chunk offsets", Combine.globally(new PlanShardsFns.ChunkOffsets()).asSingletonView());

    TupleTag<KV<CountShard, KV<Integer, T>>> blocked = new TupleTag<KV<CountShard, KV<Integer, T>>>() {};
    TupleTag<KV<CountShard, KV<Integer, Long>>> weights = new TupleTag<KV<CountShard, KV<Integer, Long>>>() {};
    PCollectionTuple blockedTuple =
        rankedTuple
            .get(ranked)
            .setCoder(KvCoder.of(chunkCoder, KvCoder.of(VarIntCoder.of(), itemCoder)))
            .apply("Assign blocks", ParDo.of(new PlanShardsFns.AssignBlocks<>(order, maxItems, chunkOffsets, blocked, weights))
                .withSideInputs(chunkOffsets)
                .withOutputTags(blocked, TupleTagList.of(weights)));
    PCollectionView<Map<CountShard, Cuts>> cuts =
        blockedTuple
            .get(weights)
            .setCoder(KvCoder.of(countShardCoder, KvCoder.of(VarIntCoder.of(), VarLongCoder.of())))
            .apply("Cut blocks by bytes", Combine.perKey(new PlanShardsFns.CutByBytes(maxBytes)))
            .setCoder(KvCoder.of(countShardCoder, ListCoder.of(VarIntCoder.of())))
            .apply("Number shards", Combine.globally(new PlanShardsFns.NumberShards()).asSingletonView());

    return blockedTuple
        .get(blocked)
        .setCoder(KvCoder.of(countShardCoder, KvCoder.of(VarIntCoder.of(), itemCoder)))
        .apply("Assign shards", ParDo.of(new PlanShardsFns.AssignShards<T>(ONE_BUCKET, cuts)).withSideInputs(cuts))
        .setCoder(KvCoder.of(ShardId.Coder.of(), KvCoder.of(VarIntCoder.of(), itemCoder)))
        .apply("Group shards", GroupByKey.create())
        .apply("Sort shards", ParDo.of(new PlanShardsFns.SortShard<T>()))
        .setCoder(KvCoder.of(ShardId.Coder.of(), ListCoder.of(itemCoder)));
  }

  static MapCoder<Chunk, Long> chunkOffsetsCoder() {
    return MapCoder.of(new ChunkCoder(), VarLongCoder.of());
  }

  static MapCoder<CountShard, Cuts> cutsCoder() {
    return MapCoder.of(new CountShardCoder(), new CutsCoder());
  }
}
