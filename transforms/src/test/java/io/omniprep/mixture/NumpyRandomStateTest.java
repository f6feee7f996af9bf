package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omniprep.testing.Python3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {
  /** Vectors printed by numpy 2.4 ({@code np.random.RandomState(seed).permutation(len)[:n]}). */
  @Test
  void matchesRecordedNumpyPermutations() {
    assertArrayEquals(new int[] {8, 1, 5, 0}, new NumpyRandomState(42).permutationPrefix(10, 4));
    assertArrayEquals(
        new int[] {778, 334, 271, 802, 216, 408},
        new NumpyRandomState(7).permutationPrefix(1000, 6));
    assertArrayEquals(
        new int[] {14972, 66828, 49490, 22806, 60806, 3027},
        new NumpyRandomState(4294967295L).permutationPrefix(70000, 6));
  }

  @Test
  void firstDrawMatchesNumpyRawOutput() {
    // np.random.RandomState(42)._bit_generator.random_raw() is the first 32-bit word.
    assertEquals(1608637542L, new NumpyRandomState(42).nextUint32());
  }

  @Test
  void smallLengthsAndBounds() {
    assertArrayEquals(new int[] {}, new NumpyRandomState(42).permutationPrefix(0, 0));
    assertArrayEquals(new int[] {0}, new NumpyRandomState(42).permutationPrefix(1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new NumpyRandomState(42).permutationPrefix(3, 4));
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
  }

  /** Against the numpy on this machine, when there is one (CI may lack it). */
  @Test
  void matchesLiveNumpy() throws Exception {
    long[][] cases = {
      {42, 10, 10}, {42, 1000, 1000}, {0, 257, 13}, {123456789, 100000, 20}, {42, 65537, 65537}
    };
    for (long[] c : cases) {
      String script =
          "import numpy as np; print(' '.join(map(str, np.random.RandomState("
              + c[0]
              + ").permutation("
              + c[1]
              + ")[:"
              + c[2]
              + "])))";
      String numpy = python(script);
      Python3.require(numpy != null, "numpy is not available");
      String ours =
          Arrays.stream(new NumpyRandomState(c[0]).permutationPrefix(c[1], (int) c[2]))
              .mapToObj(Integer::toString)
              .reduce((a, b) -> a + " " + b)
              .orElse("");
      assertEquals(numpy, ours, "seed " + c[0] + ", len " + c[1]);
    }
  }

  private static String python(String script) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    }
  }
}
