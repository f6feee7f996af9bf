package io.omniprep.av;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as CPython's {@code repr(float)} / {@code str(float)} does.
 *
 * <p>Why not {@link Double#toString}: before JDK 19 it does not always give the shortest digits
 * that round-trip ({@code 2.0E-3}-style layout aside, e.g. {@code 4.9E-324} where Python prints
 * {@code 5e-324}), and its layout differs (exponent from 1e7, {@code E} notation).
 *
 * <p>Digits: the shortest decimal that parses back to the same double; among equally short ones,
 * the closest to the exact binary value (ties to an even last digit). Layout: positional when the
 * decimal exponent is in [-4, 16), otherwise {@code d.ddde+XX} with at least two exponent digits.
 */
public final class PythonFloat {
  private PythonFloat() {}

  /** Python's {@code repr(x)}, e.g. {@code "2.0"}, {@code "1.998001998001998"}, {@code "1e-05"}. */
  public static String repr(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0.0) {
      return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
    }
    String sign = x < 0 ? "-" : "";
    BigDecimal shortest = shortest(Math.abs(x));
    String digits = shortest.unscaledValue().toString();
    // Strip trailing zeros from the digit string (scale bookkeeping below keeps the value).
    int k = digits.length();
    while (k > 1 && digits.charAt(k - 1) == '0') {
      k--;
    }
    digits = digits.substring(0, k);
    // Value = 0.d1d2...dk * 10^decpt
    int decpt = shortest.precision() - shortest.scale();
    return sign + layout(digits, decpt);
  }

  /** Shortest round-tripping decimal for a positive finite double. */
  private static BigDecimal shortest(double x) {
    BigDecimal exact = new BigDecimal(x); // up to ~770 digits for extreme exponents
    // floor_p(floor_25(x)) == floor_p(x) (same for ceiling), so round the long exact value once.
    BigDecimal floor25 = exact.round(new MathContext(25, RoundingMode.FLOOR));
    BigDecimal ceil25 = exact.round(new MathContext(25, RoundingMode.CEILING));
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = floor25.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = ceil25.round(new MathContext(p, RoundingMode.CEILING));
      boolean downOk = Double.parseDouble(down.toString()) == x;
      boolean upOk = Double.parseDouble(up.toString()) == x;
      if (downOk && upOk && down.compareTo(up) != 0) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp != 0) {
          return cmp < 0 ? down : up;
        }
        return lastDigitEven(down) ? down : up;
      }
      if (downOk) {
        return down;
      }
      if (upOk) {
        return up;
      }
    }
    // 17 significant digits always round-trip; not reached.
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  private static boolean lastDigitEven(BigDecimal d) {
    String s = d.unscaledValue().toString();
    return (s.charAt(s.length() - 1) - '0') % 2 == 0;
  }

  private static String layout(String digits, int decpt) {
    int n = digits.length();
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        return "0." + "0".repeat(-decpt) + digits;
      }
      if (decpt >= n) {
        return digits + "0".repeat(decpt - n) + ".0";
      }
      return digits.substring(0, decpt) + "." + digits.substring(decpt);
    }
    int exp = decpt - 1;
    String mantissa = n == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = Integer.toString(Math.abs(exp));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
  }
}
