package io.omniprep.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.util.HashBatches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** Repeated ids counted from per-chunk batches: only batches cross the exchange, the count is exact. */
class CountDuplicateIdsTest {
  /** Three chunks' ids: "a" in all three, "b" twice in one chunk, "c" once, 200 distinct others. */
  private static List<List<String>> chunks() {
    List<List<String>> chunks = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      List<String> ids = new ArrayList<>(List.of("\"a\""));
      for (int i = 0; i < 200; i++) {
        if (i % 3 == c) {
          ids.add("\"id-" + i + "\"");
        }
      }
      chunks.add(ids);
    }
    chunks.get(1).addAll(List.of("\"b\"", "\"b\"", "\"c\""));
    return chunks;
  }

  @Test
  void eachIdSeenNTimesCountsNMinusOne() {
    List<List<String>> chunks = chunks();
    Map<String, Integer> seen = new HashMap<>();
    chunks.forEach(ids -> ids.forEach(id -> seen.merge(id, 1, Integer::sum)));
    long expected = seen.values().stream().mapToLong(n -> n - 1).sum();
    List<KV<Integer, List<String>>> batches = new ArrayList<>();
    for (List<String> ids : chunks) {
      HashBatches<String> batcher = new HashBatches<>(id -> id);
      ids.forEach(batcher::add);
      batcher.emit(batches::add);
    }
    assertTrue(batches.size() <= 3 * HashBatches.GROUPS, "a batch per chunk and group at most");
    assertEquals(chunks.stream().mapToInt(List::size).sum(), batches.stream().mapToInt(b -> b.getValue().size()).sum());

    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(Create.of(batches).withCoder(CountDuplicateIds.BATCH_CODER)).apply(CountDuplicateIds.ofIdBatches());
    PipelineResult result = p.run();
    result.waitUntilFinish();

    long counted = StreamSupport.stream(result.metrics().allMetrics().getCounters().spliterator(), false)
        .filter(c -> c.getName().getName().equals("duplicate_ids"))
        .mapToLong(c -> c.getCommitted())
        .sum();
    assertEquals(3, expected); // a: 2, b: 1
    assertEquals(expected, counted);
  }
}
