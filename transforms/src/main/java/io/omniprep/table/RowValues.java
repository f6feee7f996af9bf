package io.omniprep.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Typed reads of row values. CSV gives every value as a string, so numbers are also accepted as
 * numeric strings; an empty string or null reads as a missing number (NaN), as pandas reads an
 * empty CSV cell.
 */
public final class RowValues {
  private RowValues() {}

  /** The value of a column, which must exist. */
  public static JsonNode require(ObjectNode row, String column) throws BadRowException {
    JsonNode value = row.get(column);
    if (value == null) {
      throw new BadRowException("missing column '" + column + "'");
    }
    return value;
  }

  /** A number, or NaN when the value is null, empty or NaN. */
  public static double number(ObjectNode row, String column) throws BadRowException {
    JsonNode value = require(row, column);
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isNull()) {
      return Double.NaN;
    }
    if (value.isTextual()) {
      @Nullable Double parsed = parseNumber(value.asText());
      if (parsed != null) {
        return parsed;
      }
    }
    throw new BadRowException("column '" + column + "' is " + describe(value) + ", not a number");
  }

  /** A string value, which must be a JSON string. */
  public static String string(ObjectNode row, String column) throws BadRowException {
    JsonNode value = require(row, column);
    if (!value.isTextual()) {
      throw new BadRowException("column '" + column + "' is " + describe(value) + ", not a string");
    }
    return value.asText();
  }

  /** The number a numeric string spells (NaN for an empty one), or null if it is not a number. */
  static @Nullable Double parseNumber(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A short description of a value for messages: {@code a string "abc"}, {@code null}, {@code a
   * list}.
   */
  public static String describe(JsonNode value) {
    switch (value.getNodeType()) {
      case STRING:
        String s = value.asText();
        return "a string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
      case NUMBER:
        return "the number " + value;
      case BOOLEAN:
        return value.asText();
      case NULL:
        return "null";
      case ARRAY:
        return "a list";
      case OBJECT:
        return "an object";
      default:
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
