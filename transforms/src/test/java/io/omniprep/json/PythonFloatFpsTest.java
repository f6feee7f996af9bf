package io.omniprep.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.testing.Python3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonFloatFpsTest {

  @Test
  void matchesKnownPythonReprs() {
    // Values printed by CPython 3.11.
    assertEquals("2.0", PythonFloatRepr.repr(2.0));
    assertEquals("1.998001998001998", PythonFloatRepr.repr(30000.0 / 1001 / 15));
    assertEquals("2.140716426430712", PythonFloatRepr.repr(30000.0 / 1001 / 14));
    assertEquals("2.0833333333333335", PythonFloatRepr.repr(25.0 / 12));
    assertEquals("0.30000000000000004", PythonFloatRepr.repr(0.1 + 0.2));
    assertEquals("0.1", PythonFloatRepr.repr(0.1));
    assertEquals("100.0", PythonFloatRepr.repr(100.0));
    assertEquals("0.0", PythonFloatRepr.repr(0.0));
    assertEquals("-0.0", PythonFloatRepr.repr(-0.0));
    assertEquals("-1.5", PythonFloatRepr.repr(-1.5));
    assertEquals("0.0001", PythonFloatRepr.repr(0.0001));
    assertEquals("1e-05", PythonFloatRepr.repr(0.00001));
    assertEquals("1000000000000000.0", PythonFloatRepr.repr(1e15));
    assertEquals("9007199254740992.0", PythonFloatRepr.repr(9007199254740992.0));
    assertEquals("1e+16", PythonFloatRepr.repr(1e16));
    assertEquals("1.2345678901234568e+17", PythonFloatRepr.repr(123456789012345678.0));
    assertEquals("1.7976931348623157e+308", PythonFloatRepr.repr(Double.MAX_VALUE));
    assertEquals("inf", PythonFloatRepr.repr(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PythonFloatRepr.repr(Double.NEGATIVE_INFINITY));
    assertEquals("nan", PythonFloatRepr.repr(Double.NaN));
  }

  @Test
  void usesShortestDigitsWhereJdk17DoesNot() {
    // JDK 17's Double.toString gives "4.9E-324", "2.82879384806159008E17", "1.18575755001E-316".
    assertEquals("5e-324", PythonFloatRepr.repr(Double.MIN_VALUE));
    assertEquals("2.82879384806159e+17", PythonFloatRepr.repr(2.82879384806159E17));
    assertEquals("1.18575755e-316", PythonFloatRepr.repr(1.18575755E-316));
  }

  @Test
  void agreesWithPython3(@TempDir Path dir) throws Exception {
    Python3.require(python3Works(), "python3 not on PATH");
    List<Double> values = new ArrayList<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 3000; i++) {
      double bits = Double.longBitsToDouble(rnd.nextLong());
      if (!Double.isNaN(bits)) {
        values.add(bits);
      }
      values.add(rnd.nextDouble() * 120);
      values.add((double) rnd.nextInt(1 << 20) / (1 + rnd.nextInt(1000)));
    }
    for (double fps : new double[] {23.976023976023978, 24, 25, 29.97002997002997, 30, 50,
        59.94005994005994, 60, 0, 12.5}) {
      for (int interval = 1; interval <= 64; interval++) {
        values.add(fps / interval);
      }
    }
    for (int e = -330; e <= 310; e++) {
      values.add(Math.pow(10, e));
      values.add(Math.scalb(1.0, Math.max(-1074, Math.min(1023, e * 3))));
    }
    StringBuilder in = new StringBuilder();
    for (double v : values) {
      in.append(Double.toHexString(v)).append('\n');
    }
    Path input = Files.writeString(dir.resolve("in.txt"), in);
    String script = "import sys\nfor l in open(sys.argv[1]):\n print(repr(float.fromhex(l.strip())))\n";
    Process p = new ProcessBuilder("python3", "-c", script, input.toString())
        .redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines().toList();
    assertEquals(0, p.waitFor());
    assertEquals(values.size(), lines.size());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(lines.get(i), PythonFloatRepr.repr(values.get(i)), "value " + values.get(i));
    }
  }

  private static boolean python3Works() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "print(1)").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
