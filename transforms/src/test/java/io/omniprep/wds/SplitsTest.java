package io.omniprep.wds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static List<Long> splitsOf(Splits splits, int n) {
    List<Long> out = new ArrayList<>();
    for (int rank = 0; rank < n; rank++) {
      out.add(splits.locate(rank)[0]);
    }
    return out;
  }

  @Test
  void eachCycleServesEveryWeightedSplitFirst() {
    // 9,1,0: a cycle of ten ranks, written out by hand: train, val, then eight train.
    List<Long> cycle = List.of(0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
    List<Long> twoCycles = new ArrayList<>(cycle);
    twoCycles.addAll(cycle);
    assertEquals(twoCycles, splitsOf(Splits.parse("9,1,0", Splits.Mode.SAMPLE), 20));
    // 8,1,1: train, val, test, then seven train.
    assertEquals(List.of(0L, 1L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L),
        splitsOf(Splits.parse("8,1,1", Splits.Mode.SAMPLE), 13));
    // 0,1,1: no train at all.
    assertEquals(List.of(1L, 2L, 1L, 2L), splitsOf(Splits.parse("0,1,1", Splits.Mode.SAMPLE), 4));
  }

  @Test
  void ranksWithinASplitCountUpWithoutGaps() {
    Splits splits = Splits.parse("2,3,1", Splits.Mode.SAMPLE);
    long[] next = new long[3];
    for (int rank = 0; rank < 60; rank++) {
      long[] placed = splits.locate(rank);
      assertEquals(next[(int) placed[0]]++, placed[1], "rank " + rank);
    }
    assertArrayEquals(new long[] {20, 30, 10}, next);
  }

  @Test
  void decimalsAreScaledAndReduced() {
    Splits splits = Splits.parse("0.8,0.1,0.1", Splits.Mode.SAMPLE);
    assertEquals(8, splits.weight(0));
    assertEquals(1, splits.weight(1));
    assertEquals("8,1,1 by sample", splits.toString());
    assertThrows(IllegalArgumentException.class, () -> Splits.parse("0,0,0", Splits.Mode.SAMPLE));
  }
}
