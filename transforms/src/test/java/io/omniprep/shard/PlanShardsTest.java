package io.omniprep.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class PlanShardsTest {

  /** Items "bucket|group|position|weight". */
  private static ShardOrder order(String item) {
    String[] f = item.split("\\|");
    return new ShardOrder(f[0], f[1], Long.parseLong(f[2]), 0, Long.parseLong(f[3]));
  }

  private static List<String> items(int n, String bucket, String group, long weight) {
    return IntStream.range(0, n).mapToObj(i -> bucket + "|" + group + "|" + i + "|" + weight).collect(Collectors.toList());
  }

  private static PCollection<KV<ShardId, List<String>>> plan(TestPipeline p, List<String> items, PlanShards<String> planner) {
    List<String> shuffled = new ArrayList<>(items);
    Collections.shuffle(shuffled, new Random(7));
    return p.apply(Create.of(shuffled).withCoder(StringUtf8Coder.of())).apply(planner);
  }

  /** Shard number → its items, as a map sorted by number. */
  private static Map<Integer, List<String>> byNumber(Iterable<KV<ShardId, List<String>>> shards) {
    Map<Integer, List<String>> out = new TreeMap<>();
    for (KV<ShardId, List<String>> s : shards) {
      out.put(s.getKey().number(), s.getValue());
    }
    return out;
  }

  @Test
  void cutsByCountInOrderWithConsecutiveNumbers(TestPipeline p) {
    List<String> items = new ArrayList<>(items(20_000, "all", "b", 1));
    items.addAll(items(5, "all", "a", 1));
    PCollection<KV<ShardId, List<String>>> shards =
        plan(p, items, PlanShards.of(PlanShardsTest::order).withMaxItems(7_000));
    PAssert.that(shards).satisfies(all -> {
      Map<Integer, List<String>> s = byNumber(all);
      assertEquals(List.of(0, 1, 2), List.copyOf(s.keySet()));
      assertEquals(7_000, s.get(0).size());
      assertEquals("all|a|0|1", s.get(0).get(0), "group a sorts first");
      assertEquals("all|b|0|1", s.get(0).get(5));
      assertEquals("all|b|6994|1", s.get(0).get(6_999), "crosses a chunk boundary (8192) in order");
      assertEquals(20_005 - 14_000, s.get(2).size());
      return null;
    });
    p.run();
  }

  @Test
  void cutsByBytesSoNoShardExceedsTheLimitUnlessOneItemDoes(TestPipeline p) {
    List<String> items = new ArrayList<>(items(10, "all", "g", 30));
    items.add("all|h|0|500");
    PCollection<KV<ShardId, List<String>>> shards =
        plan(p, items, PlanShards.of(PlanShardsTest::order).withMaxItems(100).withMaxBytes(100));
    PAssert.that(shards).satisfies(all -> {
      Map<Integer, List<String>> s = byNumber(all);
      assertEquals(List.of(3, 3, 3, 1, 1), s.values().stream().map(List::size).toList());
      assertEquals(List.of("all|h|0|500"), s.get(4));
      return null;
    });
    p.run();
  }

  @Test
  void anEmptyInputPlansNoShards(TestPipeline p) {
    PCollection<KV<ShardId, List<String>>> shards =
        p.apply(Create.empty(StringUtf8Coder.of())).apply(PlanShards.of(PlanShardsTest::order));
    PAssert.that(shards).empty();
    p.run();
  }
}
