package io.omniprep.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class HashBatchesTest {
  @Test
  void itemsOfOneKeyFromEveryChunkMeetInOneGroupInTheOrderMet() {
    // Three chunks' items, keys 0-99 each met several times; the expectation is counted directly.
    List<List<KV<Integer, List<KV<Long, String>>>>> chunks = new ArrayList<>();
    Map<Long, List<String>> expected = new HashMap<>();
    for (int chunk = 0; chunk < 3; chunk++) {
      HashBatches<KV<Long, String>> batches = new HashBatches<>(KV::getKey, 16);
      for (int i = 0; i < 200; i++) {
        long key = (i * 7L + chunk) % 100;
        String value = chunk + ":" + i;
        batches.add(KV.of(key, value));
        expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      List<KV<Integer, List<KV<Long, String>>>> emitted = new ArrayList<>();
      batches.emit(emitted::add);
      assertTrue(emitted.size() <= 16, "a batch per group at most: " + emitted.size());
      chunks.add(emitted);
    }
    Map<Integer, List<List<KV<Long, String>>>> groups = new HashMap<>();
    chunks.forEach(c -> c.forEach(b -> groups.computeIfAbsent(b.getKey(), g -> new ArrayList<>()).add(b.getValue())));
    Map<Long, List<String>> met = new HashMap<>();
    groups.values().forEach(group -> HashBatches.byKey(group).forEach((key, values) -> {
      assertEquals(null, met.put(key, values), "key " + key + " met in two groups");
    }));
    assertEquals(expected, met);
  }
}
