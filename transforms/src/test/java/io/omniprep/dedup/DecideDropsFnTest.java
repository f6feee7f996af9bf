package io.omniprep.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class DecideDropsFnTest {
  private static List<KV<Long, Drop>> decide(List<Occurrence> group) {
    return DecideDropsFn.decide(group);
  }

  @Test
  void theFirstBySourceThenPositionIsKeptWhateverTheOrderMet() {
    Occurrence a5 = new Occurrence("/in/a.json", 5, 1, "a-5");
    Occurrence a12 = new Occurrence("/in/a.json", 12, 4, "a-12");
    Occurrence b0 = new Occurrence("/in/b.json", 0, 7, "b-0");
    List<KV<Long, Drop>> expected =
        List.of(KV.of(4L, new Drop("a-12", "a-5", "/in/a.json", 5)), KV.of(7L, new Drop("b-0", "a-5", "/in/a.json", 5)));
    assertEquals(expected, decide(List.of(b0, a12, a5)));
    assertEquals(expected, decide(List.of(a12, a5, b0)));
  }

  @Test
  void aHashMetOnceDropsNothing() {
    assertEquals(List.of(), decide(List.of(new Occurrence("/in/a.json", 5, 1, "a-5"))));
  }
}
