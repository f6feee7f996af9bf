package io.omniprep.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.testing.Python3;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PythonFloatReprTest {
  @Test
  void knownReprs() {
    Object[][] cases = {
        {0.1, "0.1"}, {5.0, "5.0"}, {1e-05, "1e-05"}, {0.0001, "0.0001"}, {1e16, "1e+16"},
        {9999999999999998.0, "9999999999999998.0"}, {1e22, "1e+22"}, {5e-324, "5e-324"},
        {Double.MAX_VALUE, "1.7976931348623157e+308"}, {-0.0, "-0.0"}, {0.0, "0.0"},
        {123.456, "123.456"}, {100.0, "100.0"}, {1e-7, "1e-07"}, {0.1 + 0.2, "0.30000000000000004"},
        {9007199254740992.0, "9007199254740992.0"}, {1.2345678901234567e-5, "1.2345678901234568e-05"},
        {Double.MIN_NORMAL, "2.2250738585072014e-308"}, {1e15, "1000000000000000.0"},
        {123456789012345678.0, "1.2345678901234568e+17"}, {-1.5e-300, "-1.5e-300"},
        // Java 17's Double.toString gives 2.82879384806159008E17 here: not the shortest digits.
        {2.82879384806159e17, "2.82879384806159e+17"}, {1.18575755e-316, "1.18575755e-316"},
        {Double.NaN, "nan"}, {Double.POSITIVE_INFINITY, "inf"}, {Double.NEGATIVE_INFINITY, "-inf"}};
    for (Object[] c : cases) {
      assertEquals(c[1], PythonFloatRepr.repr((Double) c[0]), String.valueOf(c[0]));
    }
  }

  @Test
  void matchesCPythonReprOnRandomDoubles() {
    Python3.assumeAvailable();
    Random rnd = new Random(7);
    List<Double> values = new ArrayList<>();
    while (values.size() < 20000) {
      double d = switch (values.size() % 4) {
        case 0 -> Double.longBitsToDouble(rnd.nextLong()); // any exponent
        case 1 -> Math.round(rnd.nextDouble() * 1e6) / 1e3; // "nice" decimals
        case 2 -> Math.scalb(1.0, rnd.nextInt(2098) - 1074); // powers of two: asymmetric gaps
        default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
      };
      if (Double.isFinite(d)) {
        values.add(d);
      }
    }
    StringBuilder in = new StringBuilder();
    for (double d : values) {
      in.append(Long.toHexString(Double.doubleToRawLongBits(d))).append('\n');
    }
    String out = Python3.runText(String.join("\n",
        "import struct, sys",
        "for line in sys.stdin.read().split():",
        "    print(repr(struct.unpack('>d', bytes.fromhex(line.zfill(16)))[0]))"), in.toString());
    String[] lines = out.split("\n");
    assertEquals(values.size(), lines.length);
    for (int i = 0; i < values.size(); i++) {
      assertEquals(lines[i], PythonFloatRepr.repr(values.get(i)), "bits " + Long.toHexString(Double.doubleToRawLongBits(values.get(i))));
    }
  }
}
