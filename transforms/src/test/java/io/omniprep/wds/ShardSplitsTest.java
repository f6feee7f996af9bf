package io.omniprep.wds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.wds.format.EnergonShardSplit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ShardSplitsTest {
  @Test
  void bySampleEachShardCountsForTheSplitItWasPlannedFor() {
    List<ShardInfo> shards = List.of(
        new ShardInfo(0, "shard-000000.tar", "train", 10, 1),
        new ShardInfo(1, "shard-000001.tar", "train", 4, 1),
        new ShardInfo(2, "shard-000002.tar", "val", 2, 1),
        new ShardInfo(3, "shard-000003.tar", "test", 0, 0));
    Splits splits = Splits.parse("8,1,1", Splits.Mode.SAMPLE);
    assertEquals(List.of("shard-000000.tar", "shard-000001.tar"), ShardSplits.assign(shards, splits).train());
    assertEquals(List.of(), ShardSplits.assign(shards, splits).test(), "empty shards are left out");
    assertEquals(Map.of("train", 14L, "val", 2L, "test", 0L), ShardSplits.sampleCounts(shards, splits));
  }

  @Test
  void byShardTheShardsAreSplitAsEnergonSplitsThem() {
    List<ShardInfo> shards = List.of(
        new ShardInfo(0, "s-0.tar", "", 5, 1), new ShardInfo(1, "s-1.tar", "", 6, 1), new ShardInfo(2, "s-2.tar", "", 7, 1),
        new ShardInfo(3, "s-3.tar", "", 8, 1), new ShardInfo(4, "s-4.tar", "", 9, 1));
    EnergonShardSplit.Result energon = EnergonShardSplit.split(
        List.of("s-0.tar", "s-1.tar", "s-2.tar", "s-3.tar", "s-4.tar"), 0.6, 0.2, 0.2, OptionalLong.of(EnergonShardSplit.ENERGON_SHUFFLE_SEED));
    Splits splits = Splits.parse("0.6,0.2,0.2", Splits.Mode.SHARD);
    assertEquals(energon, ShardSplits.assign(shards, splits));
    Map<String, Long> counts = ShardSplits.sampleCounts(shards, splits);
    assertEquals(35L, counts.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(energon.val().stream().mapToLong(p -> 5 + Long.parseLong(p.substring(2, 3))).sum(), counts.get("val"));
  }
}
