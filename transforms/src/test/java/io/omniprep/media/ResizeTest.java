package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.Reason;
import org.junit.jupiter.api.Test;

/** {@code --resize}'s arithmetic; every expected size is worked out by hand in the comments. */
class ResizeTest {
  private static final long QWEN_MIN = 4 * 28 * 28; // 3136, qwen-vl-utils' MIN_PIXELS
  private static final long QWEN_MAX = 16384 * 28 * 28; // 12845056, MAX_PIXELS

  private static long[] size(String spec, long width, long height) throws MediaException {
    return Resize.parse(spec, QWEN_MIN, QWEN_MAX).target(width, height);
  }

  @Test
  void maxSideScalesTheLongerSideToNAndTheShorterByTheSameRatio() throws MediaException {
    assertArrayEquals(new long[] {1024, 768}, size("max-side:1024", 4000, 3000)); // 3000 * 1024 / 4000 = 768
    assertArrayEquals(new long[] {768, 1024}, size("max-side:1024", 3000, 4000)); // portrait: the same, turned
    assertArrayEquals(new long[] {100, 60}, size("max-side:100", 333, 200)); // 200 * 100 / 333 = 60.06 -> 60
    assertArrayEquals(new long[] {10, 3}, size("max-side:10", 20, 5)); // 5 * 10 / 20 = 2.5 -> 3 (half up)
    assertArrayEquals(new long[] {10, 1}, size("max-side:10", 1000, 1)); // 0.01 -> at least 1
  }

  @Test
  void anImageWithinTheBudgetKeepsItsSize() throws MediaException {
    assertArrayEquals(new long[] {1024, 10}, size("max-side:1024", 1024, 10));
    assertArrayEquals(new long[] {800, 600}, size("max-side:1024", 800, 600));
    assertArrayEquals(new long[] {100, 100}, size("max-pixels:10000", 100, 100));
    assertArrayEquals(new long[] {280, 280}, size("qwen-smart", 280, 280)); // 10 x 28 each, 78400 pixels
    assertArrayEquals(new long[] {5000, 3}, size("none", 5000, 3));
  }

  @Test
  void maxPixelsScalesBothSidesBySqrtOfTheRatioRoundedDown() throws MediaException {
    // sqrt(10000 / 20000) = 0.70711: 200 -> 141.42 -> 141, 100 -> 70.71 -> 70; 141 * 70 = 9870 <= 10000
    assertArrayEquals(new long[] {141, 70}, size("max-pixels:10000", 200, 100));
    // sqrt(10000 / 40000) = 0.5 exactly: 200 x 50 = 10000, on the budget
    assertArrayEquals(new long[] {200, 50}, size("max-pixels:10000", 400, 100));
    // sqrt(1000000 / 12000000) = 0.288675: 4000 -> 1154.7 -> 1154, 3000 -> 866.03 -> 866; 999364 pixels
    assertArrayEquals(new long[] {1154, 866}, size("max-pixels:1000000", 4000, 3000));
  }

  @Test
  void qwenSmartRoundsEachSideToA28MultipleWithinTheArea() throws MediaException {
    // 1000 / 28 = 35.7 -> 36 * 28 = 1008; 500 / 28 = 17.9 -> 18 * 28 = 504 (a slight upscale, as the processor does)
    assertArrayEquals(new long[] {1008, 504}, size("qwen-smart", 1000, 500));
    // 56 x 28 = 1568 < 3136: beta = sqrt(2); 56 * 1.414 / 28 = 2.83 -> 3 * 28 = 84, 28 * 1.414 / 28 -> 2 * 28 = 56
    assertArrayEquals(new long[] {84, 56}, size("qwen-smart", 56, 28));
    // over --maxPixels=78400 (100 blocks): 560 x 280 = 156800; beta = sqrt(2): 560 / 1.414 = 396 -> 14 * 28 = 392,
    // 280 / 1.414 = 198 -> 7 * 28 = 196; 392 x 196 = 76832 <= 78400
    assertArrayEquals(new long[] {392, 196}, Resize.parse("qwen-smart", QWEN_MIN, 78400).target(560, 280));
  }

  @Test
  void qwenSmartRefusesWhatTheProcessorRefuses() {
    MediaException e = assertThrows(MediaException.class, () -> size("qwen-smart", 10000, 20)); // 500:1 > 200:1
    assertEquals(Reason.EXTREME_ASPECT_RATIO, e.reason());
  }

  @Test
  void theOptionIsParsedStrictlyAndPrintedAsWritten() {
    assertEquals("max-side:512", Resize.parse(" MAX-SIDE:512 ", QWEN_MIN, QWEN_MAX).toString());
    assertEquals("max-pixels:1000", Resize.parse("max-pixels:1000", QWEN_MIN, QWEN_MAX).toString());
    assertTrue(Resize.parse("none", QWEN_MIN, QWEN_MAX).isNone());
    for (String bad : new String[] {"max-side", "max-side:", "max-side:0", "max-side:-4", "max-side:1.5", "max-pixels:x", "smart", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resize.parse(bad, QWEN_MIN, QWEN_MAX), bad);
      assertTrue(e.getMessage().contains("--resize"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Resize.parse("qwen-smart", 100, 50));
  }
}
