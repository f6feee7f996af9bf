package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class SelectionTest {
  private static List<Long> kept(String strategy, long length) {
    Selection s = Selection.of(SamplingStrategy.parse(strategy), length, 42);
    List<Long> out = new ArrayList<>();
    for (long i = 0; i < length; i++) {
      if (s.keeps(i)) {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void firstAndEnd() {
    assertEquals(List.of(0L, 1L, 2L), kept("first:3", 10));
    assertEquals(List.of(0L, 1L), kept("first:5", 2));
    assertEquals(List.of(), kept("first:0", 4));
    assertEquals(List.of(7L, 8L, 9L), kept("end:3", 10));
    assertEquals(List.of(0L, 1L), kept("end:5", 2));
    assertEquals(
        List.of(0L, 1L, 2L, 3L),
        kept("end:0", 4),
        "end:0 keeps everything, like the reference's [-0:]");
    assertEquals(List.of(8L, 9L), kept("end:20%", 10));
    assertEquals(List.of(0L, 1L, 2L), kept("first:21%", 10), "ceil(2.1) = 3");
  }

  @Test
  void randomPicksWhatPandasPicks() {
    // pandas: DataFrame(range(10)).sample(n=4, random_state=42) gives rows 8, 1, 5, 0.
    assertEquals(List.of(0L, 1L, 5L, 8L), kept("random:4", 10));
    assertEquals(List.of(0L, 1L, 5L, 8L), kept("random:40%", 10));
    assertEquals(4, Selection.of(SamplingStrategy.parse("random:4"), 10, 42).size());
    assertEquals(kept("random:4", 10), kept("random:4", 10));
    assertThrows(
        IllegalArgumentException.class,
        () -> Selection.of(SamplingStrategy.parse("random:11"), 10, 42));
  }

  @Test
  void dupAndAll() {
    Selection dup = Selection.of(SamplingStrategy.parse("dup:3"), 5, 42);
    assertEquals(3, dup.copies());
    assertEquals(15, dup.size());
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), kept("dup:3", 5));
    assertEquals(List.of(), kept("dup:0", 5));
    assertEquals(List.of(0L, 1L, 2L), kept("all", 3));
  }

  @Test
  void coderRoundTrips() throws Exception {
    Selection s = Selection.of(SamplingStrategy.parse("random:500"), 10_000, 7);
    assertEquals(s, CoderUtils.clone(Selection.Coder.of(), s));
    Selection r = Selection.of(SamplingStrategy.parse("end:5"), 100, 7);
    assertEquals(r, CoderUtils.clone(Selection.Coder.of(), r));
  }
}
