package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omniprep.errors.Reason;
import io.omniprep.lengths.QwenReference;
import org.junit.jupiter.api.Test;

class QwenVisionTest {
  private final QwenVision vision = QwenVision.defaults();

  @Test
  void imageTokensMatchTheReferenceOverManySizes() throws MediaException {
    double min = 4 * 28 * 28;
    double max = 16384 * 28 * 28;
    for (long w = 1; w <= 9000; w += 97) {
      for (long h = Math.max(1, w / 150); h <= 9000; h += 89) {
        if (Math.max(w, h) / (double) Math.min(w, h) > 200) {
          continue;
        }
        long[] hw = QwenReference.smartResize(h, w, min, max);
        assertEquals((hw[0] / 28) * (hw[1] / 28), vision.imageTokens(w, h), w + "x" + h);
      }
    }
  }

  @Test
  void knownSizes() throws MediaException {
    // 640x480: 480/28 = 17.1 -> 17, 640/28 = 22.9 -> 23, inside the budget: 17 * 23 tokens.
    assertEquals(17 * 23, vision.imageTokens(640, 480));
    // 42/28 = 1.5 rounds to 2, 70/28 = 2.5 to 2 (ties to even), 56*56 = 3136 is the minimum exactly.
    assertEquals(2 * 2, vision.imageTokens(42, 70));
    // 10x10 is under the minimum: scaled by sqrt(3136/100) = 5.6 to 56x56.
    assertEquals(4, vision.imageTokens(10, 10));
  }

  @Test
  void videoTokensUseTheVideoBudgetAndTwoFramePatches() throws MediaException {
    double videoMin = 128 * 28 * 28;
    for (int frames : new int[] {2, 3, 8, 64, 1000}) {
      long n = frames % 2 == 0 ? frames : frames + 1;
      double max = Math.max(Math.min(768 * 28 * 28, (long) (128000 * 28 * 28 * 0.9) / (double) n * 2), (long) (videoMin * 1.05));
      long[] hw = QwenReference.smartResize(360, 640, videoMin, max);
      assertEquals(n / 2 * (hw[0] / 28) * (hw[1] / 28), vision.videoTokens(frames, 640, 360), frames + " frames");
    }
    // 8 frames of 640x360: 360 -> 364, 640 -> 644 (13 x 23 blocks), 4 temporal patches.
    assertEquals(4 * 13 * 23, vision.videoTokens(8, 640, 360));
  }

  @Test
  void aspectRatioOver200IsRefusedWithItsOwnReason() throws MediaException {
    assertEquals(1 * 200, vision.imageTokens(5600, 28)); // exactly 200: accepted
    MediaException e = assertThrows(MediaException.class, () -> vision.imageTokens(5601, 28));
    assertEquals(Reason.EXTREME_ASPECT_RATIO, e.reason());
    assertEquals(Reason.EXTREME_ASPECT_RATIO, assertThrows(MediaException.class, () -> vision.videoTokens(4, 10, 2001)).reason());
  }
}
