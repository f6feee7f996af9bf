package io.omniprep.wds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import io.omniprep.shuffle.Shuffle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkShardsTest {
  /** A sample at {@code position} whose one image is {@code bytes} long. */
  private static Sample sample(long position, long bytes) {
    MediaRef image = MediaRef.of(MediaKind.IMAGE, "image", -1, MediaLocation.path("i" + position + ".jpg"))
        .withResolved(ResolvedMedia.single(new ByteRange("/m/i" + position + ".jpg", 0, bytes)));
    return Sample.builder().key("k-" + position).source("/d/a.json").position(position)
        .addTurn(new Turn("human", "<image>", false, null)).addTurn(new Turn("gpt", "x", false, null)).addMedia(image).build();
  }

  private static List<Sample> samples(int n, long bytes) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sample(i, bytes));
    }
    return out;
  }

  private static List<String> summary(List<ChunkShards.Planned> shards) {
    List<String> out = new ArrayList<>();
    for (ChunkShards.Planned s : shards) {
      out.add(s.number() + " " + s.path() + " " + s.split() + " " + s.samples().size());
    }
    return out;
  }

  @Test
  void bySampleEachWeightedSplitHasItsSlotNumberedAfterTheChunk() {
    ChunkShards shards = new ChunkShards(Splits.parse("9,1,0", Splits.Mode.SAMPLE), "shard-%06d.tar", 1L << 30, Integer.MAX_VALUE, null);
    // chunk 7, two weighted splits: shards 14 (train) and 15 (val); 12 samples: ranks 1 and 11 to val.
    assertEquals(List.of("14 shard-000014.tar train 10", "15 shard-000015.tar val 2"), summary(shards.plan(7, samples(12, 10))));
  }

  @Test
  void byShardTheChunkIsOneShardWithNoSplitYet() {
    ChunkShards shards = new ChunkShards(Splits.parse("9,1,0", Splits.Mode.SHARD), "p-%d.tar", 1L << 30, Integer.MAX_VALUE, null);
    assertEquals(List.of("3 p-3.tar  5"), summary(shards.plan(3, samples(5, 10))));
  }

  @Test
  void aSlotOverTheByteLimitContinuesInNumberedParts() {
    ChunkShards shards = new ChunkShards(Splits.parse("1,0,0", Splits.Mode.SAMPLE), "s/shard-%03d.tar", 25, Integer.MAX_VALUE, null);
    // 7 samples of 10 bytes, at most 25 bytes a shard: 2 + 2 + 2 + 1.
    assertEquals(
        List.of("2 s/shard-002.tar train 2", "2 s/shard-002_1.tar train 2", "2 s/shard-002_2.tar train 2", "2 s/shard-002_3.tar train 1"),
        summary(shards.plan(2, samples(7, 10))));
  }

  @Test
  void aSampleLargerThanTheLimitStillGetsAShard() {
    ChunkShards shards = new ChunkShards(Splits.parse("1,0,0", Splits.Mode.SAMPLE), "shard-%06d.tar", 5, Integer.MAX_VALUE, null);
    assertEquals(List.of("0 shard-000000.tar train 1", "0 shard-000000_1.tar train 1"), summary(shards.plan(0, samples(2, 10))));
  }

  @Test
  void aSlotOverTheSampleLimitContinuesInNumberedParts() {
    ChunkShards shards = new ChunkShards(Splits.parse("9,1,0", Splits.Mode.SHARD), "p-%d.tar", 1L << 30, 3, null);
    // 8 samples, at most 3 a shard: 3 + 3 + 2.
    assertEquals(List.of("1 p-1.tar  3", "1 p-1_1.tar  3", "1 p-1_2.tar  2"), summary(shards.plan(1, samples(8, 10))));
  }

  @Test
  void aShuffleBucketOverTheSampleLimitContinuesInNumberedParts() {
    ChunkShards shards = new ChunkShards(Splits.parse("1,0,0", Splits.Mode.SAMPLE), "shard-%06d.tar", 1L << 30, 3, Shuffle.withSeed(1));
    // 7 samples, at most 3 a shard: 3 + 3 + 1.
    assertEquals(List.of("4 shard-000004.tar train 3", "4 shard-000004_1.tar train 3", "4 shard-000004_2.tar train 1"),
        summary(shards.plan(4, samples(7, 10))));
  }

  @Test
  void aShuffleDealsTheSplitsInItsOrder() throws Exception {
    ChunkShards shards = new ChunkShards(Splits.parse("9,1,0", Splits.Mode.SAMPLE), "shard-%06d.tar", 1L << 30, 100, Shuffle.withSeed(9));
    List<Sample> inRecordOrder = samples(12, 10);
    // Ranks 1 and 11 go to val (as in record order above), here of the samples sorted by SHA-256("9\n" + key)[8..16].
    List<Sample> sorted = new ArrayList<>(inRecordOrder);
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sorted.sort(java.util.Comparator.comparing(
        (Sample s) -> java.nio.ByteBuffer.wrap(sha.digest(("9\n" + s.key()).getBytes(java.nio.charset.StandardCharsets.UTF_8))).getLong(8),
        Long::compareUnsigned));
    List<ChunkShards.Planned> planned = shards.plan(0, inRecordOrder);
    assertEquals(List.of(sorted.get(1), sorted.get(11)), planned.get(1).samples());
    List<Sample> train = new ArrayList<>(sorted);
    train.remove(11);
    train.remove(1);
    assertEquals(train, planned.get(0).samples());
  }
}
