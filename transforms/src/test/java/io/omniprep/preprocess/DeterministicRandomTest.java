package io.omniprep.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DeterministicRandomTest {
  @Test
  void isSplitMix64() {
    // The published SplitMix64 outputs for seed 0.
    DeterministicRandom r = new DeterministicRandom(0);
    assertEquals(0xe220a8397b1dcdafL, r.nextLong());
    assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
    assertEquals(0x06c45d188009454fL, r.nextLong());
  }

  @Test
  void seedsFromTextAreStableAndSeparated() {
    assertEquals(
        DeterministicRandom.seededBy("42", "laion", "7").nextLong(),
        DeterministicRandom.seededBy("42", "laion", "7").nextLong());
    assertNotEquals(
        DeterministicRandom.seededBy("42", "laion", "7").nextLong(),
        DeterministicRandom.seededBy("42", "laion", "8").nextLong());
    assertNotEquals(
        DeterministicRandom.seededBy("42", "ab", "c").nextLong(),
        DeterministicRandom.seededBy("42", "a", "bc").nextLong());
  }

  @Test
  void boundedDrawsStayInRange() {
    DeterministicRandom r = new DeterministicRandom(1);
    int[] seen = new int[3];
    for (int i = 0; i < 3000; i++) {
      seen[r.nextIntBetween(1, 3) - 1]++;
      double d = r.nextDouble();
      assertEquals(true, d >= 0 && d < 1);
    }
    for (int count : seen) {
      assertEquals(true, count > 900 && count < 1100, "uniform: " + count);
    }
  }
}
