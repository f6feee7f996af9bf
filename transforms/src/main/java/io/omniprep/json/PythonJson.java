package io.omniprep.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Serialises a Jackson tree byte-for-byte like Python's {@code json.dumps(obj)} with default
 * arguments ({@code ensure_ascii=True}, {@code allow_nan=True}), or {@code json.dumps(obj,
 * indent=n)}, or with {@code ensure_ascii=False} (as EMOVA's converter writes its annotations).
 *
 * <ul>
 *   <li>Separators {@code ", "} and {@code ": "} (with an indent: {@code ","} plus newline).
 *   <li>Strings: {@code \" \\ \n \r \t \b \f} short escapes; every other char outside
 *       {@code ' '..'~'} as {@code \}{@code uXXXX} with lowercase hex, so astral characters become
 *       surrogate pairs, exactly as Java already holds them.
 *   <li>Object members in the node's iteration order (Python keeps dict insertion order).
 *   <li>Integral nodes (int, long, BigInteger) print their decimal digits.
 *   <li>Floating-point nodes print Python's {@code repr(float)} ({@link PythonFloatRepr}): a
 *       {@code DoubleNode} as is; a {@code FloatNode} widened exactly to double (Python has no
 *       32-bit float); a {@code DecimalNode} rounded to the nearest double first, which is what
 *       {@code json.loads} followed by {@code json.dumps} does to the same text. NaN and infinities
 *       print as {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *   <li>Binary, POJO and missing nodes have no Python counterpart and are rejected.
 * </ul>
 */
public final class PythonJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  /** {@code json.dumps(node)}. */
  public static String dumps(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(sb, node, -1, 0, true);
    return sb.toString();
  }

  /** {@code json.dumps(node, indent=indent)} for indent &gt;= 0. */
  public static String dumps(JsonNode node, int indent) {
    return dumps(node, indent, true, 0);
  }

  /**
   * {@code json.dumps(node, indent=indent, ensure_ascii=ensureAscii)} as it appears nested {@code
   * level} deep in an enclosing document (inner lines indented by {@code level + 1} steps), for
   * writing a large array one element at a time.
   */
  public static String dumps(JsonNode node, int indent, boolean ensureAscii, int level) {
    if (indent < 0 || level < 0) {
      throw new IllegalArgumentException("indent and level must be >= 0: " + indent + ", " + level);
    }
    StringBuilder sb = new StringBuilder();
    write(sb, node, indent, level, ensureAscii);
    return sb.toString();
  }

  /** The JSON string literal Python writes for {@code s} (with {@code ensure_ascii=True}). */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendString(sb, s, true);
    return sb.toString();
  }

  private static void write(StringBuilder sb, JsonNode node, int indent, int level, boolean ascii) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(sb, node, indent, level, ascii);
      case ARRAY -> writeArray(sb, node, indent, level, ascii);
      case STRING -> appendString(sb, node.textValue(), ascii);
      case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
      case NULL -> sb.append("null");
      case NUMBER -> appendNumber(sb, node);
      default -> throw new IllegalArgumentException(
          "no Python JSON form for a " + node.getNodeType() + " node");
    }
  }

  private static void writeObject(StringBuilder sb, JsonNode node, int indent, int level, boolean ascii) {
    if (node.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      separator(sb, first, indent, level + 1);
      first = false;
      appendString(sb, e.getKey(), ascii);
      sb.append(": ");
      write(sb, e.getValue(), indent, level + 1, ascii);
    }
    closing(sb, indent, level);
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, JsonNode node, int indent, int level, boolean ascii) {
    if (node.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    boolean first = true;
    for (JsonNode element : node) {
      separator(sb, first, indent, level + 1);
      first = false;
      write(sb, element, indent, level + 1, ascii);
    }
    closing(sb, indent, level);
    sb.append(']');
  }

  private static void separator(StringBuilder sb, boolean first, int indent, int level) {
    if (indent < 0) {
      if (!first) {
        sb.append(", ");
      }
      return;
    }
    if (!first) {
      sb.append(',');
    }
    sb.append('\n').append(" ".repeat(indent * level));
  }

  private static void closing(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n').append(" ".repeat(indent * level));
    }
  }

  private static void appendNumber(StringBuilder sb, JsonNode node) {
    if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
      return;
    }
    double d = node.isFloat() ? (double) node.floatValue()
        : node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
    if (Double.isNaN(d)) {
      sb.append("NaN");
    } else if (Double.isInfinite(d)) {
      sb.append(d > 0 ? "Infinity" : "-Infinity");
    } else {
      sb.append(PythonFloatRepr.repr(d));
    }
  }

  /** With {@code ascii} (ensure_ascii) everything outside printable ASCII is escaped; without, only control characters. */
  private static void appendString(StringBuilder sb, String s, boolean ascii) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c >= ' ' && (c <= '~' || !ascii)) {
            sb.append(c);
          } else {
            sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          }
        }
      }
    }
    sb.append('"');
  }
}
