package io.omniprep.wds;

import io.omniprep.wds.format.EnergonShardSplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which written shards make up each split, as {@code .nv-meta/split.yaml} lists them: by the split
 * each shard was planned for ({@link Splits.Mode#SAMPLE}), or by energon's own seeded ratio split of
 * the sorted shard names ({@link Splits.Mode#SHARD}). Empty shards are left out, as Energon requires.
 */
public final class ShardSplits {
  private ShardSplits() {}

  public static EnergonShardSplit.Result assign(List<ShardInfo> shards, Splits splits) {
    List<ShardInfo> nonEmpty = new ArrayList<>();
    for (ShardInfo s : shards) {
      if (s.samples() > 0) {
        nonEmpty.add(s);
      }
    }
    nonEmpty.sort(Comparator.comparingInt(ShardInfo::number).thenComparing(ShardInfo::path));
    if (splits.mode() == Splits.Mode.SAMPLE) {
      Map<String, List<String>> parts = new LinkedHashMap<>();
      for (String split : Splits.NAMES) {
        parts.put(split, new ArrayList<>());
      }
      for (ShardInfo s : nonEmpty) {
        parts.get(s.split()).add(s.path());
      }
      return new EnergonShardSplit.Result(parts.get("train"), parts.get("val"), parts.get("test"), List.of());
    }
    double[] r = splits.ratios();
    return EnergonShardSplit.split(
        EnergonShardSplit.sorted(nonEmpty.stream().map(ShardInfo::path).toList()), r[0], r[1], r[2],
        OptionalLong.of(EnergonShardSplit.ENERGON_SHUFFLE_SEED));
  }

  /** Samples per split (train, val, test), from the shards' sample counts. */
  public static Map<String, Long> sampleCounts(List<ShardInfo> shards, Splits splits) {
    EnergonShardSplit.Result parts = assign(shards, splits);
    Map<String, Long> samplesByPath = new LinkedHashMap<>();
    shards.forEach(s -> samplesByPath.merge(s.path(), s.samples(), Long::sum));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("train", parts.train().stream().mapToLong(samplesByPath::get).sum());
    counts.put("val", parts.val().stream().mapToLong(samplesByPath::get).sum());
    counts.put("test", parts.test().stream().mapToLong(samplesByPath::get).sum());
    return counts;
  }
}
