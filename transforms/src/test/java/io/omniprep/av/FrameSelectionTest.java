package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameSelectionTest {
  private static final double NTSC = 30000.0 / 1001;

  @Test
  void intervalTruncatesLikePythonInt() {
    assertEquals(5, FrameSelection.interval(10, 0.5));
    assertEquals(15, FrameSelection.interval(30, 0.5));
    assertEquals(14, FrameSelection.interval(NTSC, 0.5)); // int(14.985)
    assertEquals(29, FrameSelection.interval(NTSC, 1.0));
    assertEquals(14, FrameSelection.interval(NTSC, 0.5005)); // 14.999999999999998, as in Python
    assertEquals(1, FrameSelection.interval(5, 0.1)); // int(0.5) = 0 -> max(1, 0)
    assertEquals(1, FrameSelection.interval(0, 1.0));
  }

  @Test
  void effectiveFpsIsPythonStr() {
    assertEquals("2.0", FrameSelection.effectiveFps(30, 15));
    assertEquals("1.998001998001998", FrameSelection.effectiveFps(NTSC, 15));
    assertEquals("2.140716426430712", FrameSelection.effectiveFps(NTSC, 14));
    assertEquals("0.0", FrameSelection.effectiveFps(0, 1));
  }

  @Test
  void linspaceMatchesNumpy() {
    // numpy.linspace(0, n-1, count).astype(int)
    assertArrayEquals(new long[] {0, 24, 49, 74, 99}, FrameSelection.linspace(100, 5));
    assertArrayEquals(new long[] {0, 4, 9}, FrameSelection.linspace(10, 3));
    assertArrayEquals(new long[] {0, 29, 59, 89, 119}, FrameSelection.linspace(120, 5));
    // numpy's float step gives 11 * (30/22) = 14.999999999999998 -> 14, not the exact 15.
    assertEquals(14, FrameSelection.linspace(31, 23)[11]);
    assertEquals(29, FrameSelection.linspace(46, 34)[22]);
  }

  @Test
  void linspaceIncludesFirstAndLastAndIsIncreasing() {
    Random rnd = new Random(1);
    for (int t = 0; t < 2000; t++) {
      long n = 2 + rnd.nextInt(5000);
      int count = 2 + rnd.nextInt(100);
      long[] idx = FrameSelection.linspace(n, count);
      assertEquals(Math.min(n, count), idx.length);
      assertEquals(0, idx[0]);
      assertEquals(n - 1, idx[idx.length - 1]);
      for (int i = 1; i < idx.length; i++) {
        assertTrue(idx[i] > idx[i - 1]);
      }
    }
  }

  @Test
  void linspaceEdgeCases() {
    assertArrayEquals(new long[0], FrameSelection.linspace(0, 5));
    assertArrayEquals(new long[0], FrameSelection.linspace(5, 0));
    assertArrayEquals(new long[] {0}, FrameSelection.linspace(7, 1));
    assertArrayEquals(new long[] {0}, FrameSelection.linspace(1, 4));
    assertArrayEquals(new long[] {0, 1, 2}, FrameSelection.linspace(3, 10)); // each frame once
  }

  @Test
  void atRateFollowsTimeWithoutDrift() {
    assertArrayEquals(new long[] {0, 10, 20}, FrameSelection.atRate(25, 10, 1));
    assertArrayEquals(new long[] {0, 29, 59, 89, 119}, FrameSelection.atRate(120, NTSC, 1));
    assertArrayEquals(new long[] {0, 3, 6, 10, 13, 16}, FrameSelection.atRate(17, 10, 3));
    // 10 minutes of 29.97 fps at 1 fps: 600 frames, not the 620 a fixed interval of 29 gives.
    assertEquals(600, FrameSelection.atRate(17982, NTSC, 1).length);
    assertArrayEquals(new long[] {0, 1, 2, 3}, FrameSelection.atRate(4, 10, 30)); // above fps
    assertThrows(IllegalArgumentException.class, () -> FrameSelection.atRate(10, 0, 1));
  }

  @Test
  void patchSelectionCapsUniformly() {
    assertArrayEquals(FrameSelection.atRate(300, 30, 1), FrameSelection.forPatch(300, 30, 1, 64));
    long[] capped = FrameSelection.forPatch(3000, 30, 1, 64); // 100 s: 100 frames at 1 fps > 64
    assertArrayEquals(FrameSelection.linspace(3000, 64), capped);
    assertEquals(0, capped[0]);
    assertEquals(2999, capped[63]);
    assertArrayEquals(FrameSelection.linspace(50, 8), FrameSelection.forPatch(50, 0, 1, 8));
  }
}
