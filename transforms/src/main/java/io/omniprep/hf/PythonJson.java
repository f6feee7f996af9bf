package io.omniprep.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * JSON text as Python's {@code json.dump(obj, ensure_ascii=False, indent=4)} writes it: four-space
 * indents, items separated by {@code ,} and a newline, {@code ": "} after keys, {@code []} and
 * {@code {}} for empty containers, non-ASCII characters as they are, other control characters as a
 * backslash-u escape with lower-case hex, floats as Python's {@code repr} ({@code 1e-05}, {@code
 * 5.0}, {@code NaN}). Integers and strings are exact; float digits come from Java's {@code
 * Double.toString}, which before Java 19 is occasionally one digit longer than Python's shortest
 * repr.
 */
public final class PythonJson {
  private static final String INDENT = "    ";

  private PythonJson() {}

  /** {@code value} at nesting {@code level} (its first line is not indented; inner lines are). */
  public static String dumps(JsonNode value, int level) {
    StringBuilder out = new StringBuilder();
    write(value, level, out);
    return out.toString();
  }

  private static void write(JsonNode value, int level, StringBuilder out) {
    if (value.isObject()) {
      if (value.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.append(first ? "\n" : ",\n");
        first = false;
        indent(level + 1, out);
        string(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), level + 1, out);
      }
      out.append('\n');
      indent(level, out);
      out.append('}');
    } else if (value.isArray()) {
      if (value.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (JsonNode item : value) {
        out.append(first ? "\n" : ",\n");
        first = false;
        indent(level + 1, out);
        write(item, level + 1, out);
      }
      out.append('\n');
      indent(level, out);
      out.append(']');
    } else if (value.isTextual()) {
      string(value.asText(), out);
    } else if (value.isFloatingPointNumber() && !value.isBigDecimal()) {
      out.append(repr(value.isFloat() ? (double) value.floatValue() : value.doubleValue()));
    } else if (value.isNumber()) {
      out.append(
          value.isBigDecimal()
              ? value.decimalValue().toString()
              : value.bigIntegerValue().toString());
    } else if (value.isBoolean()) {
      out.append(value.booleanValue() ? "true" : "false");
    } else if (value.isBinary()) {
      string(value.asText(), out);
    } else {
      out.append("null");
    }
  }

  private static void indent(int level, StringBuilder out) {
    for (int i = 0; i < level; i++) {
      out.append(INDENT);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** Python's {@code repr(float)}: fixed notation for exponents -4..15, else {@code d.ddde±XX}. */
  static String repr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String sign = d < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
    String plain = exact.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }
}
