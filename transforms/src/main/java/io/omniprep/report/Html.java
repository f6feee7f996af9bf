package io.omniprep.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Text for HTML and SVG: escaping, and numbers as people read them (1,234; 1.333). */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Grouped thousands, at most three decimals: {@code 12,345}, {@code 1.333}. */
  static String number(BigDecimal value) {
    BigDecimal rounded = value.setScale(Math.min(Math.max(value.scale(), 0), 3), RoundingMode.HALF_EVEN).stripTrailingZeros();
    DecimalFormat format = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format.format(rounded);
  }

  static String number(long value) {
    return number(BigDecimal.valueOf(value));
  }

  /** At most {@code max} characters, with an ellipsis when cut. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
