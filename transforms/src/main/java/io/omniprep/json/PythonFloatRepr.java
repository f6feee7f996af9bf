package io.omniprep.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (closest
 * to the exact value when several have that length), in fixed notation when the decimal exponent
 * lies in [-4, 16) and as {@code d.ddde±XX} otherwise: {@code 0.1}, {@code 5.0}, {@code 1e-05},
 * {@code 1e+16}.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest (fixed only in JDK 19), so the
 * digits are searched for here with exact {@link BigDecimal} arithmetic.
 */
public final class PythonFloatRepr {
  private PythonFloatRepr() {}

  /** {@code repr(d)}; non-finite values give {@code nan}, {@code inf}, {@code -inf}. */
  public static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(Math.abs(d)).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    // value = 0.<digits> * 10^decpt, the convention of CPython's float formatting
    int decpt = digits.length() - shortest.scale();
    String body = (decpt <= -4 || decpt > 16) ? scientific(digits, decpt) : fixed(digits, decpt);
    return d < 0 ? "-" + body : body;
  }

  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      // Any p-digit decimal inside d's rounding interval implies one of these two neighbours is.
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean downOk = Double.parseDouble(down.toString()) == d;
      boolean upOk = Double.parseDouble(up.toString()) == d;
      if (downOk && upOk) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        return cmp < 0 ? down : cmp > 0 ? up : exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      }
      if (downOk) {
        return down;
      }
      if (upOk) {
        return up;
      }
    }
    throw new AssertionError("17 significant digits always round-trip: " + d);
  }

  private static String scientific(String digits, int decpt) {
    StringBuilder sb = new StringBuilder().append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    int exp = decpt - 1;
    sb.append(exp < 0 ? "e-" : "e+");
    if (Math.abs(exp) < 10) {
      sb.append('0');
    }
    return sb.append(Math.abs(exp)).toString();
  }

  private static String fixed(String digits, int decpt) {
    if (decpt <= 0) {
      return "0." + "0".repeat(-decpt) + digits;
    }
    if (decpt >= digits.length()) {
      return digits + "0".repeat(decpt - digits.length()) + ".0";
    }
    return digits.substring(0, decpt) + "." + digits.substring(decpt);
  }
}
