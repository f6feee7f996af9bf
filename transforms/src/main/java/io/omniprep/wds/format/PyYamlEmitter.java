package io.omniprep.wds.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the tiny YAML documents energon uses exactly as PyYAML's {@code yaml.dump} does with
 * default options: block style, two-space indentation, sequences inside a mapping not indented,
 * {@code {}} / {@code []} for empty collections, and {@code ? key} / {@code : value} for keys too
 * long to be simple keys. Supported values: {@link String} (see {@link PyYamlScalars}), integral
 * {@link Long}/{@link Integer}, {@code List<String>} and nested {@code Map<String, ?>}.
 */
final class PyYamlEmitter {
  private PyYamlEmitter() {}

  /**
   * @param root the top-level mapping
   * @param sortKeys true for PyYAML's default {@code sort_keys=True} (code point order), false to
   *     keep the map's iteration order ({@code sort_keys=False})
   */
  static String dump(Map<String, ?> root, boolean sortKeys) {
    if (root.isEmpty()) {
      return "{}\n";
    }
    StringBuilder sb = new StringBuilder();
    mapping(sb, root, 0, sortKeys);
    return sb.toString();
  }

  private static void mapping(StringBuilder sb, Map<String, ?> map, int indent, boolean sortKeys) {
    List<String> keys = new ArrayList<>(map.keySet());
    if (sortKeys) {
      keys.sort(EnergonShardSplit::compareCodePoints);
    }
    String pad = " ".repeat(indent);
    for (String key : keys) {
      Object value = map.get(key);
      String renderedKey = PyYamlScalars.render(key);
      if (key.length() > PyYamlScalars.MAX_SIMPLE_KEY_LENGTH) {
        if (value instanceof Map || value instanceof List) {
          throw new IllegalArgumentException("key too long for a collection value: '" + key + "'");
        }
        sb.append(pad).append("? ").append(renderedKey).append('\n');
        sb.append(pad).append(": ").append(scalar(value)).append('\n');
        continue;
      }
      sb.append(pad).append(renderedKey).append(':');
      if (value instanceof Map<?, ?> nested) {
        if (nested.isEmpty()) {
          sb.append(" {}\n");
        } else {
          sb.append('\n');
          mapping(sb, castMap(nested), indent + 2, sortKeys);
        }
      } else if (value instanceof List<?> list) {
        if (list.isEmpty()) {
          sb.append(" []\n");
        } else {
          sb.append('\n');
          for (Object item : list) {
            sb.append(pad).append("- ").append(scalar(item)).append('\n');
          }
        }
      } else {
        sb.append(' ').append(scalar(value)).append('\n');
      }
    }
  }

  private static String scalar(Object value) {
    if (value instanceof String s) {
      return PyYamlScalars.render(s);
    }
    if (value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    throw new IllegalArgumentException("unsupported YAML value: " + value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Map<?, ?> map) {
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        throw new IllegalArgumentException("mapping keys must be strings: " + k);
      }
    }
    return (Map<String, ?>) map;
  }
}
